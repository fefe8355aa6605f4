package dev.seat.humaneval.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that says where a file stops being UTF-8, and BOM removal. */
final class TextDecoding {
    private TextDecoding() {}

    /** Thrown with the 1-based line of the first byte that is not UTF-8. */
    static final class NotUtf8 extends Exception {
        final int line;
        final long byteOffset;

        NotUtf8(int line, long byteOffset) {
            super("not UTF-8 at line " + line + " (byte " + byteOffset + ")");
            this.line = line;
            this.byteOffset = byteOffset;
        }
    }

    /** Decodes UTF-8 strictly and drops a leading byte order mark. */
    static String utf8(byte[] bytes) throws NotUtf8 {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int pos = in.position();
            int line = 1;
            for (int i = 0; i < pos; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new NotUtf8(line, pos);
        }
        dec.flush(out);
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
