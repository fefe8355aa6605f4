package dev.seat.trainer.world.bpe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE vocabulary.
 *
 * @param tokens        every token by id: the special tokens first, then the 256 byte characters,
 *                      then the merged tokens in the order they were learned
 * @param merges        the merges by rank (first learned = applied first)
 * @param specialTokens the special tokens (ids 0..n-1)
 */
public record BpeVocabulary(List<String> tokens, List<Merge> merges, List<String> specialTokens) {

    /** Two adjacent tokens merged into one. */
    public record Merge(String left, String right) {
        public String joined() {
            return left + right;
        }

        /** The {@code "left right"} form of tokenizer.json. */
        @Override
        public String toString() {
            return left + " " + right;
        }
    }

    public BpeVocabulary {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
    }

    public int size() {
        return tokens.size();
    }

    /** Token to id. */
    public Map<String, Integer> ids() {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        return ids;
    }
}
