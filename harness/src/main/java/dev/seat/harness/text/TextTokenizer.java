package dev.seat.harness.text;

import java.util.OptionalLong;

/**
 * A checkpoint's tokenizer. {@link #encode} never adds BOS/EOS by itself (chat formats and callers
 * write special tokens into the text, where they are recognised as single tokens).
 */
public interface TextTokenizer extends AutoCloseable {

    /** Token ids of {@code text}; special tokens written in the text become their ids. */
    long[] encode(String text);

    /** Text of {@code ids} with special tokens left out. */
    String decode(long[] ids);

    /** The id of a token string (special or not), if the vocabulary has it as one token. */
    OptionalLong tokenId(String token);

    @Override
    void close();
}
