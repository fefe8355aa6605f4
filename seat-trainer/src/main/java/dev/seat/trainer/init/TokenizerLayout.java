package dev.seat.trainer.init;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.bpe.BpeVocabulary;
import dev.seat.trainer.world.bpe.TokenizerFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tokenizer with a real model's ids: its special tokens at their real ids, a byte-level BPE
 * vocabulary (trained by seat) on the free ids from 0 up, and unused tokens on the ids left, so
 * the tokenizer has exactly as many ids as the real one. The unused tokens are vocabulary entries
 * no merge produces: text never encodes to them, and they decode as their names.
 *
 * @param tokens every token by id
 */
public record TokenizerLayout(List<String> tokens, List<BpeVocabulary.Merge> merges, Architecture.Tokenizer spec) {
    /** Name of the unused token at an id. */
    static final String UNUSED = "<|unused_%d|>";

    /**
     * Lays {@code bpe}'s regular tokens (its special tokens are left out) and {@code spec}'s special
     * tokens out on {@code spec.size()} ids.
     */
    public static TokenizerLayout of(BpeVocabulary bpe, Architecture.Tokenizer spec) {
        List<String> regular = bpe.tokens().subList(bpe.specialTokens().size(), bpe.size());
        int free = spec.size() - spec.specials().size();
        if (regular.size() > free) {
            throw new IllegalArgumentException("BPE vocabulary of " + regular.size() + " tokens does not fit the "
                    + free + " ids the tokenizer has besides its " + spec.specials().size() + " special tokens");
        }
        String[] tokens = new String[spec.size()];
        spec.specials().forEach((id, t) -> tokens[id] = t);
        Set<String> seen = new HashSet<>(spec.specials().values());
        int next = 0;
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                continue;
            }
            tokens[id] = next < regular.size() ? regular.get(next++) : String.format(Locale.ROOT, UNUSED, id);
            if (!seen.add(tokens[id])) {
                throw new IllegalStateException("Token '" + tokens[id] + "' would have two ids (second: " + id + ")");
            }
        }
        return new TokenizerLayout(List.of(tokens), bpe.merges(), spec);
    }

    /** tokenizer.json, tokenizer_config.json and special_tokens_map.json by file name. */
    public Map<String, String> files() {
        List<String> additional = new ArrayList<>(spec.specials().values());
        additional.removeAll(Arrays.asList(spec.bos(), spec.eos(), spec.pad()));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TokenizerFiles.TOKENIZER_JSON, Json.compact(TokenizerFiles.tokenizerJson(tokens, merges, spec.specials())));
        files.put(TokenizerFiles.TOKENIZER_CONFIG, pretty(TokenizerFiles.tokenizerConfig(spec.specials(), additional, spec.bos(),
                spec.eos(), spec.pad(), spec.chatTemplate(), spec.modelMaxLength())));
        ObjectNode map = Json.object();
        for (String key : List.of("bos_token", "eos_token", "pad_token")) {
            String t = key.equals("bos_token") ? spec.bos() : key.equals("eos_token") ? spec.eos() : spec.pad();
            if (t != null) {
                map.put(key, t);
            }
        }
        files.put(TokenizerFiles.SPECIAL_TOKENS_MAP, pretty(map));
        return files;
    }

    /** The id of a token, or -1. */
    public int id(String token) {
        return token == null ? -1 : tokens.indexOf(token);
    }

    private static String pretty(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
