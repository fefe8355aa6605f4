package dev.seat.harness.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import dev.seat.harness.model.TokenBatch;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat bench}: load time, prefill and decode throughput at batch 1 and 32, and resident
 * memory before and after a long generation (it must stay flat). Written to {@code results/bench/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure load time, prefill/decode tokens/s (batch 1 and 32) and peak resident memory.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOptions checkpoint;

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int newTokens;

    @Option(names = "--long-tokens", defaultValue = "400",
            description = "Tokens of the long generation that checks memory stays flat (default: ${DEFAULT-VALUE})")
    int longTokens;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Timed runs of each workload; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--out", paramLabel = "DIR", description = "default: results/bench")
    Path out;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        try (Checkpoint cp = checkpoint.load()) {
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            ObjectNode r = Json.object();
            r.put("checkpoint", cp.dir().toString());
            r.put("fingerprint", cp.fingerprint());
            r.put("parameters", cp.config().parameterCount());
            r.put("device", checkpoint.device.device());
            r.put("threads", Runtime.getRuntime().availableProcessors());
            r.put("load_seconds", loadSeconds);
            r.put("prompt_tokens", promptTokens);
            r.put("new_tokens", newTokens);
            Generator gen = new Generator(cp.model(), Set.of(), cp.padId(), null); // no stop: fixed lengths
            r.put("repeats", repeats);
            prefill(cp, 1); // warm-up
            for (int batch : new int[] {1, 32}) {
                r.put("prefill_tokens_per_s_batch" + batch, median(() -> prefill(cp, batch)));
                List<long[]> prompts = prompts(cp, batch, 16);
                r.put("decode_tokens_per_s_batch" + batch, median(() -> {
                    long s = System.nanoTime();
                    gen.generate(prompts, GenerationConfig.greedy(newTokens).withBatchSize(batch));
                    return batch * (double) newTokens / ((System.nanoTime() - s) / 1e9);
                }));
            }
            long before = residentBytes();
            gen.generate(prompts(cp, 1, 16), GenerationConfig.greedy(longTokens).withBatchSize(1));
            long after = residentBytes();
            r.put("rss_before_long_generation_mb", before / 1e6);
            r.put("rss_after_long_generation_mb", after / 1e6);
            r.put("long_generation_tokens", longTokens);
            r.put("peak_rss_mb", peakResidentBytes() / 1e6);
            Path dir = out != null ? out : RepoPaths.root().resolve("results/bench");
            Files.createDirectories(dir);
            Path file = dir.resolve(cp.name() + ".json");
            Json.write(file, r);
            spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(r));
            spec.commandLine().getErr().println("wrote " + file);
            return 0;
        }
    }

    /** The median of {@code repeats} measurements. */
    private double median(DoubleSupplier measure) {
        double[] v = new double[Math.max(1, repeats)];
        for (int i = 0; i < v.length; i++) {
            v[i] = measure.getAsDouble();
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** Tokens/s of one forward pass over {@code batch} prompts of {@code promptTokens} tokens. */
    private double prefill(Checkpoint cp, int batch) {
        TokenBatch tb = TokenBatch.leftPadded(prompts(cp, batch, promptTokens), cp.padId());
        long s = System.nanoTime();
        try (NDManager m = cp.model().manager().newSubManager()) {
            cp.model().forward(TokenBatch.array(m, tb.ids()), TokenBatch.array(m, tb.positions()),
                    TokenBatch.array(m, tb.mask()), null, true, false).logits().toFloatArray();
        }
        return batch * (double) promptTokens / ((System.nanoTime() - s) / 1e9);
    }

    private static List<long[]> prompts(Checkpoint cp, int batch, int len) {
        Random rng = new Random(batch * 31L + len);
        List<long[]> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            long[] p = new long[len];
            for (int i = 0; i < len; i++) {
                p[i] = 3 + rng.nextInt(cp.config().vocabSize() - 3);
            }
            out.add(p);
        }
        return out;
    }

    static long residentBytes() {
        return procStatus("VmRSS:");
    }

    static long peakResidentBytes() {
        return procStatus("VmHWM:");
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: memory not reported
        }
        return -1;
    }
}
