package dev.seat.harness.hub;

import java.util.List;
import java.util.Set;

/**
 * The files of a model repository that a seat checkpoint needs: configuration, tokenizer, chat
 * templates and safetensors weights with their index; never PyTorch {@code *.bin} pickles, and
 * nothing in sub-folders (ONNX, GGUF, other formats) but {@code additional_chat_templates/}.
 */
public final class CheckpointFiles {
    static final Set<String> NAMED = Set.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "tokenizer.model", "special_tokens_map.json", "added_tokens.json", "vocab.json",
            "merges.txt", "chat_template.jinja", "chat_template.json", "training_config.json");

    private CheckpointFiles() {}

    public static boolean wanted(String file) {
        if (file.startsWith("additional_chat_templates/")) {
            return file.endsWith(".jinja") && file.indexOf('/') == file.lastIndexOf('/');
        }
        return !file.contains("/") && (NAMED.contains(file) || file.endsWith(".safetensors")
                || file.endsWith(".safetensors.index.json"));
    }

    /** Refuses a repository without config.json or without safetensors weights, before any download. */
    public static void check(HubId id, List<String> chosen) {
        if (!chosen.contains("config.json")) {
            throw new HubException(id + " has no config.json at its top level; it is not a transformers checkpoint seat can load");
        }
        if (chosen.stream().noneMatch(f -> f.endsWith(".safetensors"))) {
            throw new HubException(id + " has no *.safetensors weights (only PyTorch *.bin or other formats); seat reads "
                    + "safetensors only. Convert once with transformers (model.save_pretrained(dir, safe_serialization=True)) "
                    + "and pass the folder, or pick a revision that has safetensors.");
        }
    }
}
