package dev.seat.trainer.cli;

import dev.seat.harness.model.DType;
import dev.seat.harness.model.ModelConfig;
import dev.seat.trainer.init.Architecture;
import dev.seat.trainer.init.CheckpointInit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code init --like NAME --out DIR [--dtype bf16] [--shard-size 1GB] [--layers N]}: a randomly
 * initialised Hugging Face checkpoint with a real model's architecture and tokenizer ids.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised Hugging Face checkpoint with the architecture of a real model "
                + "(SmolLM2-135M, Qwen2.5-0.5B, Llama-3.2-1B, TinyLlama-1.1B, Mistral-7B).")
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--like", required = true, paramLabel = "NAME", description = "Architecture to copy: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String like;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint folder to write (replaced).")
    Path out;

    @Option(names = "--dtype", defaultValue = "bf16", description = "Weight dtype: bf16, f16 or f32 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--shard-size", defaultValue = "4GB",
            description = "Largest weight file, e.g. 500MB, 1GB (default: ${DEFAULT-VALUE}); more than one file adds an index.")
    String shardSize;

    @Option(names = "--layers", paramLabel = "N", description = "Hidden layers to write (default: the model's, 2 for Mistral-7B).")
    Integer layers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and of the tokenizer's corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bpe-vocab", defaultValue = "4096",
            description = "Regular tokens the tokenizer learns (default: ${DEFAULT-VALUE}); the model's other ids are unused tokens.")
    int bpeVocab;

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(Architecture.names());
        }
    }

    @Override
    public Integer call() {
        Architecture arch = Architecture.named(like);
        CheckpointInit.Options o = new CheckpointInit.Options(layers, parseDtype(dtype), parseBytes(shardSize), seed, bpeVocab);
        long start = System.nanoTime();
        ModelConfig c = CheckpointInit.write(arch, out, o);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %d of %d layers, hidden %d, %d/%d heads, vocab %d, %,d parameters as %s in %.1f s -> %s%n",
                arch.name(), c.numLayers(), arch.realLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.vocabSize(),
                c.parameterCount(), o.dtype(), (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
        w.flush();
        return 0;
    }

    static DType parseDtype(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "bf16", "bfloat16" -> DType.BF16;
            case "f16", "fp16", "float16" -> DType.F16;
            case "f32", "fp32", "float32" -> DType.F32;
            default -> throw new IllegalArgumentException("--dtype '" + s + "': expected bf16, f16 or f32");
        };
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);

    /** {@code 1GB}, {@code 500MB}, {@code 2GiB} or a byte count; GB and GiB both mean 2^30 here. */
    static long parseBytes(String s) {
        Matcher m = SIZE.matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard-size '" + s + "': expected a size such as 500MB or 1GB");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        long scale = switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1;
        };
        long bytes = (long) (Double.parseDouble(m.group(1)) * scale);
        if (bytes < 1) {
            throw new IllegalArgumentException("--shard-size '" + s + "' must be above zero");
        }
        return bytes;
    }
}
