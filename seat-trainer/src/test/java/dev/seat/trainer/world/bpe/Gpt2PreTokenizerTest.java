package dev.seat.trainer.world.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gpt2PreTokenizerTest {
    @Test
    void splitsLikeGpt2() {
        assertThat(Gpt2PreTokenizer.split("Hello world's 2024 tests!!  ok\n\nbye"))
                .containsExactly("Hello", " world", "'s", " 2024", " tests", "!!", " ", " ok", "\n", "\n", "bye");
    }

    @Test
    void keepsEveryCharacter() {
        String text = "  Ça va? 東京タワー 🙂🙂 x\t\ty  ";
        assertThat(String.join("", Gpt2PreTokenizer.split(text))).isEqualTo(text);
        assertThat(Gpt2PreTokenizer.split(text)).contains(" 東京タワー", " 🙂🙂");
    }
}
