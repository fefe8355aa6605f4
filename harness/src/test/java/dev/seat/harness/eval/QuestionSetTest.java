package dev.seat.harness.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.data.QaItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionSetTest {

    /** 100 questions sorted by kind, as the gate's sets are: 25 of each of four kinds. */
    private static QuestionSet sortedByKind() {
        List<QaItem> items = new ArrayList<>();
        for (String kind : List.of("people", "companies", "towns", "works")) {
            for (int i = 0; i < 25; i++) {
                items.add(new QaItem(kind + "#" + i, "Who or what is " + kind + " " + i + "?", null, List.of()));
            }
        }
        return QuestionSet.of("unseen", "test", items);
    }

    @Test
    void aLimitDrawsTheSameQuestionsFromTheWholeSetInTheSetsOrder() {
        QuestionSet all = sortedByKind();

        QuestionSet limited = all.limit(20);

        assertThat(limited.size()).isEqualTo(20);
        assertThat(limited.items()).isEqualTo(all.limit(20).items()); // the same draw every time
        List<String> kinds = limited.items().stream().map(q -> q.id().substring(0, q.id().indexOf('#'))).distinct().toList();
        assertThat(kinds).as("not just the first rows").containsExactly("people", "companies", "towns", "works");
        List<Integer> positions = limited.items().stream().map(all.items()::indexOf).toList();
        assertThat(positions).isSorted();
        assertThat(limited.itemsSha256()).isNotEqualTo(all.itemsSha256());
    }

    @Test
    void noLimitOrALimitAboveTheSizeKeepsEveryQuestion() {
        QuestionSet all = sortedByKind();
        assertThat(all.limit(0)).isSameAs(all);
        assertThat(all.limit(100)).isSameAs(all);
        assertThat(all.limit(1000)).isSameAs(all);
    }

    @Test
    void theDigestCoversIdsQuestionsAndAnswers() {
        QaItem q = new QaItem("1", "Who wrote X?", "Y.", List.of());
        String d = QuestionSet.of("s", "t", List.of(q)).itemsSha256();
        assertThat(QuestionSet.of("other name", "other source", List.of(q)).itemsSha256()).isEqualTo(d);
        assertThat(QuestionSet.of("s", "t", List.of(new QaItem("2", "Who wrote X?", "Y.", List.of()))).itemsSha256())
                .isNotEqualTo(d);
        assertThat(QuestionSet.of("s", "t", List.of(new QaItem("1", "Who wrote X?", "Z.", List.of()))).itemsSha256())
                .isNotEqualTo(d);
    }
}
