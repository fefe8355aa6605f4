package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    @Test
    void withScoresReplacesOnlyTheScoresSection() {
        String card = "# tiny\n\n## Rebuild\n\nhand-written notes\n\n## Scores\n\n| old | table |\n\n## Where it falls short\n\nmore notes\n";
        ObjectNode scores = Json.object();
        scores.putObject("known_facts_new_pairings").put("mean", 0.875).put("stderr", 0.01).put("n", 300);

        String updated = ModelCard.withScores(card, scores);

        assertThat(updated).startsWith("# tiny\n\n## Rebuild\n\nhand-written notes\n\n## Scores\n")
                .contains("| known facts, train wording never used for that fact | ROUGE-1 recall | 0.875 ± 0.010 | 300 |")
                .doesNotContain("| old | table |")
                .endsWith("\n## Where it falls short\n\nmore notes\n");
    }

    @Test
    void withScoresFindsTheSectionOnTheCardsFirstLine() {
        String updated = ModelCard.withScores("## Scores\n\n| old |\n\n## Notes\n\nkept\n", Json.object());

        assertThat(updated).startsWith("## Scores\n").doesNotContain("| old |").endsWith("## Notes\n\nkept\n");
    }

    @Test
    void withScoresAppendsTheSectionWhenTheCardHasNone() {
        String updated = ModelCard.withScores("# tiny\n\nnotes\n", Json.object());

        assertThat(updated).startsWith("# tiny\n\nnotes\n\n## Scores\n");
    }
}
