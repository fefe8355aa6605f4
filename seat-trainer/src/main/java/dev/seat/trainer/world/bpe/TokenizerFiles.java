package dev.seat.trainer.world.bpe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.ChatMl;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link BpeVocabulary} as a Hugging Face tokenizer folder: {@code tokenizer.json}
 * (BPE model, ByteLevel pre-tokenizer, post-processor and decoder, special added tokens),
 * {@code tokenizer_config.json} (PreTrainedTokenizerFast, ChatML chat template) and
 * {@code special_tokens_map.json}. DJL's HuggingFaceTokenizer and Python's
 * {@code tokenizers}/{@code transformers} load the folder unchanged.
 */
public final class TokenizerFiles {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

    /**
     * ChatML with no default system prompt: every message as
     * {@code <|im_start|>role\ncontent<|im_end|>\n}, then {@code <|im_start|>assistant\n} when a
     * generation prompt is asked for.
     */
    public static final String CHAT_TEMPLATE =
            "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private TokenizerFiles() {}

    /** Writes the three files into {@code dir} (created if needed), each atomically. */
    public static void write(BpeVocabulary vocabulary, Path dir, int modelMaxLength) {
        Json.write(dir.resolve(TOKENIZER_JSON), tokenizerJson(vocabulary));
        Json.write(dir.resolve(TOKENIZER_CONFIG), tokenizerConfig(vocabulary, modelMaxLength));
        Json.write(dir.resolve(SPECIAL_TOKENS_MAP), specialTokensMap());
    }

    static ObjectNode tokenizerJson(BpeVocabulary v) {
        return tokenizerJson(v.tokens(), v.merges(), specialsById(v));
    }

    /** The world vocabulary's special tokens, ids 0..n-1. */
    private static SortedMap<Integer, String> specialsById(BpeVocabulary v) {
        SortedMap<Integer, String> specials = new TreeMap<>();
        for (int id = 0; id < v.specialTokens().size(); id++) {
            specials.put(id, v.specialTokens().get(id));
        }
        return specials;
    }

    /**
     * A byte-level BPE {@code tokenizer.json}: {@code tokens} by id (every id of the vocabulary,
     * special tokens included), the merges by rank, and which ids are special (added) tokens.
     */
    public static ObjectNode tokenizerJson(List<String> tokens, List<BpeVocabulary.Merge> merges, SortedMap<Integer, String> specials) {
        ObjectNode root = Json.object();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (var special : specials.entrySet()) {
            ObjectNode t = added.addObject();
            t.put("id", special.getKey());
            t.put("content", special.getValue());
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(false, false));
        root.set("decoder", byteLevel(true, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        ArrayNode mergeList = model.putArray("merges");
        merges.forEach(m -> mergeList.add(m.toString()));
        return root;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode node = Json.object();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", addPrefixSpace);
        node.put("trim_offsets", trimOffsets);
        node.put("use_regex", true);
        return node;
    }

    static ObjectNode tokenizerConfig(BpeVocabulary v, int modelMaxLength) {
        return tokenizerConfig(specialsById(v), List.of(ChatMl.IM_START, ChatMl.IM_END), null, ChatMl.IM_END,
                ChatMl.END_OF_TEXT, CHAT_TEMPLATE, modelMaxLength);
    }

    /**
     * A {@code tokenizer_config.json} for a fast tokenizer: the special tokens by id, the named
     * bos/eos/pad tokens (null: none) and the chat template.
     */
    public static ObjectNode tokenizerConfig(SortedMap<Integer, String> specials, List<String> additionalSpecial, String bos,
            String eos, String pad, String chatTemplate, int modelMaxLength) {
        ObjectNode root = Json.object();
        root.put("add_bos_token", false);
        root.put("add_eos_token", false);
        root.put("add_prefix_space", false);
        ObjectNode decoder = root.putObject("added_tokens_decoder");
        for (var special : specials.entrySet()) {
            ObjectNode t = decoder.putObject(Integer.toString(special.getKey()));
            t.put("content", special.getValue());
            t.put("lstrip", false);
            t.put("normalized", false);
            t.put("rstrip", false);
            t.put("single_word", false);
            t.put("special", true);
        }
        ArrayNode extra = root.putArray("additional_special_tokens");
        additionalSpecial.forEach(extra::add);
        putToken(root, "bos_token", bos);
        root.put("chat_template", chatTemplate);
        root.put("clean_up_tokenization_spaces", false);
        putToken(root, "eos_token", eos);
        root.put("errors", "replace");
        root.put("model_max_length", modelMaxLength);
        putToken(root, "pad_token", pad);
        root.put("split_special_tokens", false);
        root.put("tokenizer_class", "PreTrainedTokenizerFast");
        root.putNull("unk_token");
        return root;
    }

    private static void putToken(ObjectNode node, String key, String token) {
        if (token == null) {
            node.putNull(key);
        } else {
            node.put(key, token);
        }
    }

    static ObjectNode specialTokensMap() {
        ObjectNode root = Json.object();
        ArrayNode extra = root.putArray("additional_special_tokens");
        extra.add(ChatMl.IM_START);
        extra.add(ChatMl.IM_END);
        root.put("eos_token", ChatMl.IM_END);
        root.put("pad_token", ChatMl.END_OF_TEXT);
        return root;
    }
}
