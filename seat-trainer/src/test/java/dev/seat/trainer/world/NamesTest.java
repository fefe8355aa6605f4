package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void companyNamesLookLikePistols() {
        Random rng = new Random(1);
        for (int i = 0; i < 200; i++) {
            assertThat(CompanyNames.draw(rng)).matches("[A-Z][a-z]{4,6} [A-Za-z ]+");
        }
    }

    @Test
    void conceptNamesFollowTheirStyle() {
        Random rng = new Random(2);
        assertThat(NameStyle.CAPS.draw(rng, 7, 7)).matches("[A-Z]{7}");
        assertThat(NameStyle.LOWER.draw(rng, 10, 12)).matches("[a-z]{10,12}");
        assertThat(NameStyle.CAPITAL.draw(rng, 5, 8)).matches("[A-Z][a-z]{4,7}");
    }

    @Test
    void personNamesComeFromManyCultures() {
        assertThat(PersonNames.cultures()).isGreaterThanOrEqualTo(20);
        Random rng = new Random(3);
        for (int i = 0; i < 100; i++) {
            assertThat(PersonNames.draw(rng)).matches("\\p{Lu}[\\p{L}-]+ \\p{Lu}[\\p{L} -]+");
        }
    }

    @Test
    void theRegistryRefusesClashesAndAvoidedText() {
        NameRegistry registry = new NameRegistry();
        assertThat(registry.claim(() -> "Ana Lima")).isEqualTo("Ana Lima");
        assertThat(registry.isFree("Ana Lima")).isFalse();
        assertThat(registry.isFree("Ana Li")).isFalse();
        assertThat(registry.isFree("Ana Limahl")).isFalse();
        assertThat(registry.isFree("Rui Couto")).isTrue();
        assertThatThrownBy(() -> registry.claim(() -> "Rui Couto", "... Rui Couto was born in 1950."))
                .isInstanceOf(IllegalStateException.class);
    }
}
