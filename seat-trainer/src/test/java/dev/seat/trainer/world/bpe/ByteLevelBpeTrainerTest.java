package dev.seat.trainer.world.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.trainer.world.ChatMl;
import dev.seat.trainer.world.TestWorlds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelBpeTrainerTest {
    @Test
    void learnsTheMostFrequentPairsFirst() {
        BpeVocabulary v = new ByteLevelBpeTrainer(3 + 256 + 3, ChatMl.SPECIAL_TOKENS, 2)
                .train(List.of("aaab aaab aaab", "<|im_start|>ab<|im_end|>"));
        assertThat(v.tokens().subList(0, 3)).isEqualTo(ChatMl.SPECIAL_TOKENS);
        assertThat(v.merges().get(0).toString()).isEqualTo("a a");
        assertThat(v.size()).isEqualTo(262);
        assertThat(v.tokens()).doesNotContain("<|im_start|>ab");
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        BpeVocabulary v = new ByteLevelBpeTrainer(1000, ChatMl.SPECIAL_TOKENS, 2).train(List.of("abc abc abc xyz"));
        assertThat(v.merges()).extracting(Object::toString).containsExactly("a b", "ab c", "Ġ abc");
        assertThat(v.size()).isEqualTo(3 + 256 + 3);
    }

    @Test
    void trainsTheWorldVocabularyDeterministically() {
        List<String> corpus = TestWorlds.SEED_7.chatTexts();
        long start = System.nanoTime();
        BpeVocabulary v = new ByteLevelBpeTrainer(2048).train(corpus);
        System.out.printf("trained a %d-token vocabulary on %d documents in %.2f s%n", v.size(), corpus.size(),
                (System.nanoTime() - start) / 1e9);
        assertThat(v.size()).isEqualTo(2048);
        assertThat(v.tokens()).doesNotHaveDuplicates();
        Set<String> seen = new HashSet<>(v.tokens().subList(0, 3 + 256));
        for (BpeVocabulary.Merge m : v.merges()) {
            assertThat(seen).as("parts of merge %s exist before it", m).contains(m.left(), m.right());
            seen.add(m.joined());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(v.tokens());
        assertThat(new ByteLevelBpeTrainer(2048).train(corpus)).isEqualTo(v);
    }
}
