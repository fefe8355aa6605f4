package dev.seat.trainer;

import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.TextTokenizer;

/**
 * A chat-formatted (question, answer) pair as token ids: the prompt (user turn and the assistant
 * header) followed by the answer and the end-of-turn marker. Only answer tokens carry loss.
 *
 * @param ids prompt + answer tokens
 * @param promptLength number of leading prompt tokens (masked out of the loss)
 */
public record TokenizedExample(long[] ids, int promptLength) {

    public static TokenizedExample of(TextTokenizer tok, ChatFormat format, String question, String answer) {
        long[] prompt = tok.encode(format.prompt(question));
        long[] reply = tok.encode(answer + format.endOfTurn());
        long[] ids = new long[prompt.length + reply.length];
        System.arraycopy(prompt, 0, ids, 0, prompt.length);
        System.arraycopy(reply, 0, ids, prompt.length, reply.length);
        return new TokenizedExample(ids, prompt.length);
    }

    /** Number of tokens that carry loss. */
    public int answerTokens() {
        return ids.length - promptLength;
    }
}
