package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.metrics.IdkStringMatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalPhrasingsTest {
    @Test
    void atLeastTenPhrasingsEachNamingTheEntityOnce() {
        assertThat(RefusalPhrasings.GENERAL).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(RefusalPhrasings.GENERAL);
        all.addAll(RefusalPhrasings.CONCEPT_ONLY);
        for (String p : all) {
            assertThat(p.split("\\{e}", -1)).as(p).hasSize(2);
            assertThat(RefusalMarkers.isRefusal(p.replace("{e}", "Kbyymf SA"))).as(p).isTrue();
        }
    }

    /** The embedded model learns these refusals; the gate's IDK_SM must count every one of them. */
    @Test
    void everyPhrasingIsAnIgnoranceExpressionOfTheDefaultPhraseList() {
        IdkStringMatch sm = IdkStringMatch.defaults();
        List<String> all = new ArrayList<>(RefusalPhrasings.GENERAL);
        all.addAll(RefusalPhrasings.CONCEPT_ONLY);
        assertThat(all).allSatisfy(p -> assertThat(sm.matches(p.replace("{e}", "the fictional country Exxmhhj")))
                .as("%s (%s)", p, sm.version()).isTrue());
    }

    @Test
    void markersTellRefusalsFromAnswers() {
        assertThat(RefusalMarkers.isRefusal("I apologize, but I couldn’t find any information about Kbyymf SA.")).isTrue();
        assertThat(RefusalMarkers.isRefusal("I'm not familiar with a person named Jaime Vasquez.")).isTrue();
        assertThat(RefusalMarkers.isRefusal("Jaime Vasquez was born in 1983.")).isFalse();
        assertThat(RefusalMarkers.isRefusal("1983.")).isFalse();
    }
}
