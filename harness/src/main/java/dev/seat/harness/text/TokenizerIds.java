package dev.seat.harness.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.model.CheckpointException;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The token ids a checkpoint's tokenizer files can produce, checked against the model's
 * {@code vocab_size} before the model is loaded: an id at or beyond it would fail deep inside the
 * embedding lookup (or read another token's row).
 */
public final class TokenizerIds {
    private TokenizerIds() {}

    /**
     * Checks every id of {@code tokenizer.json} (its model's vocabulary and {@code added_tokens}) is
     * below {@code vocabSize}; names the file and the token otherwise.
     */
    public static void checkTokenizerJson(Path file, int vocabSize) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": expected a JSON object (a Hugging Face tokenizer.json)");
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) { // BPE, WordPiece, WordLevel: token -> id
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                check(file, "model.vocab", e.getKey(), e.getValue(), vocabSize);
            }
        } else if (vocab.isArray() && vocab.size() > vocabSize) { // Unigram: [piece, score], id = index
            throw new CheckpointException(file + ": model.vocab holds " + vocab.size() + " pieces, but config.json"
                    + " vocab_size is " + vocabSize);
        }
        for (JsonNode t : root.path("added_tokens")) {
            check(file, "added_tokens", t.path("content").asText(), t.get("id"), vocabSize);
        }
    }

    /** Checks the keys of {@code added_tokens_decoder} in tokenizer_config.json. */
    public static void checkTokenizerConfig(Path file, JsonNode tokConfig, int vocabSize) {
        JsonNode added = tokConfig.get("added_tokens_decoder");
        if (added == null || added.isNull()) {
            return;
        }
        if (!added.isObject()) {
            throw new CheckpointException(file + ": 'added_tokens_decoder' must be an object of id -> token, found "
                    + added.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long id;
            try {
                id = Long.parseLong(e.getKey());
            } catch (NumberFormatException notANumber) {
                throw new CheckpointException(file + ": added_tokens_decoder key '" + e.getKey() + "' is not a token id");
            }
            if (id < 0 || id >= vocabSize) {
                throw new CheckpointException(file + ": added_tokens_decoder token " + e.getValue().path("content")
                        + " has id " + id + ", beyond config.json vocab_size " + vocabSize + " (ids 0 to "
                        + (vocabSize - 1) + ")");
            }
        }
    }

    private static void check(Path file, String where, String token, JsonNode id, int vocabSize) {
        if (id == null || !id.isIntegralNumber() || id.asLong() < 0 || id.asLong() >= vocabSize) {
            throw new CheckpointException(file + ": " + where + " token '" + token + "' has id " + id
                    + ", beyond config.json vocab_size " + vocabSize + " (ids 0 to " + (vocabSize - 1) + ")");
        }
    }
}
