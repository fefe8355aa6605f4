package dev.seat.harness.cli;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.ProcessMemory;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import dev.seat.harness.model.Throughput;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
            description = "Timed runs of each workload, after untimed ones (at least two, at least 1.5 s); "
                    + "the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--thread-sweep",
            description = "Also time decoding steps at batch 1-32 on one and on two kernel threads, taken in turn "
                    + "(what IntraOpThreads' rule rests on)")
    boolean threadSweep;

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
            r.put("repeats", repeats);
            for (int batch : new int[] {1, 32}) {
                r.put("prefill_tokens_per_s_batch" + batch, median(() -> Throughput.prefill(cp, batch, promptTokens)));
                r.put("decode_tokens_per_s_batch" + batch, median(() -> Throughput.decode(cp, batch, 16, newTokens)));
            }
            if (threadSweep) {
                r.set("thread_sweep", threadSweep(cp));
            }
            Generator gen = new Generator(cp.model(), Set.of(), cp.padId(), null); // no stop: fixed lengths
            long before = ProcessMemory.residentBytes();
            gen.generate(Throughput.randomPrompts(cp, 1, 16), GenerationConfig.greedy(longTokens).withBatchSize(1));
            long after = ProcessMemory.residentBytes();
            r.put("rss_before_long_generation_mb", before / 1e6);
            r.put("rss_after_long_generation_mb", after / 1e6);
            r.put("long_generation_tokens", longTokens);
            r.put("peak_rss_mb", ProcessMemory.peakResidentBytes() / 1e6);
            Path dir = out != null ? out : RepoPaths.root().resolve("results/bench");
            Files.createDirectories(dir);
            Path file = dir.resolve(cp.name() + ".json");
            Json.write(file, r);
            spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(r));
            spec.commandLine().getErr().println("wrote " + file);
            return 0;
        }
    }

    /** Per batch size, the median ms per decoding step on one and on two kernel threads, runs alternating. */
    private ArrayNode threadSweep(Checkpoint cp) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        int before = JniUtils.getNumThreads();
        try {
            for (int batch : new int[] {1, 2, 4, 8, 16, 32}) {
                Throughput.decodeStepMs(cp, batch, 16, newTokens); // warm-up
                double[][] ms = new double[2][Math.max(1, repeats)];
                for (int i = 0; i < ms[0].length; i++) {
                    for (int threads = 1; threads <= 2; threads++) {
                        JniUtils.setNumThreads(threads);
                        ms[threads - 1][i] = Throughput.decodeStepMs(cp, batch, 16, newTokens);
                    }
                }
                ObjectNode row = rows.addObject();
                row.put("batch", batch);
                row.put("macs_per_step", (long) batch * cp.config().parameterCount());
                row.put("ms_per_step_1_thread", median(ms[0]));
                row.put("ms_per_step_2_threads", median(ms[1]));
                spec.commandLine().getErr().printf("thread sweep: batch %d: 1 thread %.2f ms/step, 2 threads %.2f%n",
                        batch, median(ms[0]), median(ms[1]));
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
        return rows;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Untimed runs of each workload first, at least this many and for at least
     * {@link #WARM_UP_SECONDS}: the JIT compiles the hot paths and libtorch sets up its kernels in them
     * (a prefill of 128 tokens took 1.5-3x its steady time over its first ten runs).
     */
    static final int WARM_UP = 2;
    static final double WARM_UP_SECONDS = 1.5;

    /** The median of {@code repeats} measurements after the warm-up. */
    private double median(DoubleSupplier measure) {
        long start = System.nanoTime();
        for (int i = 0; i < WARM_UP || System.nanoTime() - start < WARM_UP_SECONDS * 1e9; i++) {
            measure.getAsDouble();
        }
        double[] v = new double[Math.max(1, repeats)];
        for (int i = 0; i < v.length; i++) {
            v[i] = measure.getAsDouble();
        }
        return median(v);
    }
}
