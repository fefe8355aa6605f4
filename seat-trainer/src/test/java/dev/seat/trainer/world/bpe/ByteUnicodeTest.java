package dev.seat.trainer.world.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteUnicodeTest {
    @Test
    void everyByteHasItsOwnPrintableCharacter() {
        Set<Character> chars = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteUnicode.charOf(b);
            assertThat(Character.isWhitespace(c) || Character.isISOControl(c)).as("byte %d", b).isFalse();
            chars.add(c);
        }
        assertThat(chars).hasSize(256);
    }

    @Test
    void matchesGpt2sWellKnownCharacters() {
        assertThat(ByteUnicode.encode(" ")).isEqualTo("Ġ");
        assertThat(ByteUnicode.encode("\n")).isEqualTo("Ċ");
        assertThat(ByteUnicode.encode("\t")).isEqualTo("ĉ");
        assertThat(ByteUnicode.encode("A!~")).isEqualTo("A!~");
        assertThat(ByteUnicode.charOf(0)).isEqualTo('Ā');
        assertThat(ByteUnicode.charOf(0xAD)).isEqualTo('Ń');
    }

    @Test
    void decodingUndoesEncoding() {
        String text = "Crème brûlée, 東京, 🙂\u0000\t end";
        assertThat(new String(ByteUnicode.decode(ByteUnicode.encode(text)), StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
