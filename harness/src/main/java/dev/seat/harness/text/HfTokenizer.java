package dev.seat.harness.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.seat.harness.model.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/** A {@code tokenizer.json} run by DJL's binding of Hugging Face tokenizers. */
public final class HfTokenizer implements TextTokenizer {
    private final HuggingFaceTokenizer tokenizer;

    private HfTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static HfTokenizer load(Path tokenizerJson) {
        try {
            return new HfTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "addSpecialTokens", "false",
                    "padding", "false",
                    "truncation", "false",
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE))));
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("Cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    @Override
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public OptionalLong tokenId(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length == 1 && tokenizer.decode(ids, false).equals(token)) {
            return OptionalLong.of(ids[0]);
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
