package dev.seat.trainer.world.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization: English contractions, runs of letters or digits with an optional
 * leading space, runs of other symbols, and whitespace (a run of spaces leaves its last space to
 * the next word). This is the split the HF ByteLevel pre-tokenizer makes with {@code use_regex}.
 */
public final class Gpt2PreTokenizer {
    /** The GPT-2 pattern; {@code \s} is Unicode white space, as in the Rust tokenizers. */
    public static final Pattern PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private Gpt2PreTokenizer() {}

    /** The pieces of {@code text}, in order; their concatenation is the text. */
    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PATTERN.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                pieces.add(text.substring(end, m.start()));
            }
            pieces.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            pieces.add(text.substring(end));
        }
        return pieces;
    }
}
