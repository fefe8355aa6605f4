package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model as a Hugging Face folder {@code transformers} loads unchanged: config.json,
 * safetensors weights (HF names; tied checkpoints without {@code lm_head.weight}), tokenizer and
 * generation files copied from a source folder, and any extra files. The folder is assembled
 * under a temporary name and renamed into place.
 */
public final class CheckpointWriter {
    /** Files copied from the source checkpoint when present. */
    static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer.model", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json", "added_tokens.json", "vocab.json", "merges.txt");

    private CheckpointWriter() {}

    /**
     * @param params tensors by HF name (a superset is fine; only the config's tensors are written)
     * @param tokenizerSource folder whose tokenizer/generation files are copied, or null
     * @param extraFiles file name → content written next to the weights (model card, training config)
     */
    public static void write(Path out, ModelConfig config, Map<String, NDArray> params, DType dtype,
            Path tokenizerSource, Map<String, String> extraFiles) {
        write(out, config, params, dtype, DEFAULT_SHARD_BYTES, tokenizerSource, extraFiles);
    }

    /** The default largest weight file: 4 GiB. */
    public static final long DEFAULT_SHARD_BYTES = 4L << 30;

    /** As {@link #write(Path, ModelConfig, Map, DType, Path, Map)}, with weight files of at most {@code maxShardBytes}. */
    public static void write(Path out, ModelConfig config, Map<String, NDArray> params, DType dtype, long maxShardBytes,
            Path tokenizerSource, Map<String, String> extraFiles) {
        AtomicFiles.writeFolder(out, dir -> {
            ObjectNode cfg = config.raw().deepCopy();
            cfg.put("torch_dtype", switch (dtype) {
                case F32 -> "float32";
                case F16 -> "float16";
                case BF16 -> "bfloat16";
                case F64 -> "float64";
            });
            Json.write(dir.resolve("config.json"), cfg);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String name : config.expectedTensors().keySet()) {
                NDArray a = params.get(name);
                if (a == null) {
                    throw new CheckpointException("Cannot save " + out + ": no tensor '" + name + "'");
                }
                tensors.put(name, a);
            }
            SafeTensorsWriter.write(dir, tensors, dtype, maxShardBytes);
            if (tokenizerSource != null) {
                for (String f : TOKENIZER_FILES) {
                    Path src = tokenizerSource.resolve(f);
                    if (Files.isRegularFile(src)) {
                        Files.copy(src, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            for (var e : extraFiles.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
        });
    }

    /** Writes a generation_config.json with the given stop ids (for checkpoints made from scratch). */
    public static JsonNode generationConfig(List<Long> eosIds, long padId) {
        ObjectNode g = Json.object();
        var eos = g.putArray("eos_token_id");
        eosIds.forEach(eos::add);
        g.put("pad_token_id", padId);
        g.put("do_sample", false);
        return g;
    }
}
