package dev.seat.trainer.world;

import dev.seat.harness.text.ChatFormat;
import java.util.List;

/**
 * The ChatML format of the embedded model:
 * {@code <|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n{answer}<|im_end|>\n}.
 */
public final class ChatMl {
    /** Padding and document end; id 0 of the world's tokenizer. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    /** The special tokens in id order (0, 1, 2). */
    public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, IM_START, IM_END);

    private ChatMl() {}

    private static final ChatFormat FORMAT = ChatFormat.of(ChatFormat.Family.CHATML);

    /** The prompt up to where the assistant's answer starts. */
    public static String prompt(String question) {
        return FORMAT.prompt(question);
    }

    /** A whole exchange. */
    public static String format(String question, String answer) {
        return FORMAT.prompt(question) + answer + FORMAT.endOfTurn() + "\n";
    }

    public static String format(QaExample example) {
        return format(example.question(), example.answer());
    }
}
