package dev.seat.harness.text;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.seat.harness.model.CheckpointException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SentencePiece {@code tokenizer.model} (Llama-2, Mistral v0.1) run by DJL's SentencePiece
 * binding. Special tokens written in the text ({@code <s>}, {@code </s>} and any the tokenizer
 * config names) are split out and mapped to their ids, as Hugging Face's slow tokenizers do.
 */
public final class SentencePieceTokenizer implements TextTokenizer {
    private final SpTokenizer tokenizer;
    private final SpProcessor processor;
    private final Map<String, Long> specials;
    private final Pattern specialPattern;

    private SentencePieceTokenizer(SpTokenizer tokenizer, Map<String, Long> specials) {
        this.tokenizer = tokenizer;
        this.processor = tokenizer.getProcessor();
        this.specials = specials;
        List<String> quoted = new ArrayList<>();
        specials.keySet().stream().sorted((a, b) -> b.length() - a.length()).forEach(s -> quoted.add(Pattern.quote(s)));
        this.specialPattern = quoted.isEmpty() ? null : Pattern.compile(String.join("|", quoted));
    }

    /** @param specialTokens token strings to treat as special (e.g. bos/eos of tokenizer_config.json) */
    public static SentencePieceTokenizer load(Path model, List<String> specialTokens) {
        try (InputStream in = Files.newInputStream(model)) {
            SpTokenizer sp = new SpTokenizer(in);
            Map<String, Long> specials = new java.util.LinkedHashMap<>();
            for (String s : specialTokens) {
                int id = sp.getProcessor().getId(s);
                if (id > 0 || s.equals(sp.getProcessor().getToken(0))) {
                    specials.put(s, (long) id);
                }
            }
            return new SentencePieceTokenizer(sp, specials);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("Cannot load SentencePiece model " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long[] encode(String text) {
        List<Long> ids = new ArrayList<>();
        int from = 0;
        if (specialPattern != null) {
            Matcher m = specialPattern.matcher(text);
            while (m.find()) {
                addText(ids, text.substring(from, m.start()));
                ids.add(specials.get(m.group()));
                from = m.end();
            }
        }
        addText(ids, text.substring(from));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private void addText(List<Long> ids, String text) {
        if (!text.isEmpty()) {
            for (int id : processor.encode(text)) {
                ids.add((long) id);
            }
        }
    }

    @Override
    public String decode(long[] ids) {
        int[] kept = java.util.Arrays.stream(ids).filter(id -> !specials.containsValue(id)).mapToInt(id -> (int) id).toArray();
        return processor.decode(kept);
    }

    @Override
    public OptionalLong tokenId(String token) {
        Long special = specials.get(token);
        if (special != null) {
            return OptionalLong.of(special);
        }
        int id = processor.getId(token);
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
