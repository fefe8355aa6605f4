package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
    @TempDir
    Path tmp;

    @Test
    void onlyAnswerTokensCarryLossAndPaddingIsMasked() {
        // prompt 1 2 3 | answer 4 5 ; second example prompt 7 8 | answer 9
        Batch b = Batch.of(List.of(new TokenizedExample(new long[] {1, 2, 3, 4, 5}, 3),
                new TokenizedExample(new long[] {7, 8, 9}, 2)), 0);
        assertThat(b.inputs()).isDeepEqualTo(new long[][] {{1, 2, 3, 4}, {7, 8, 0, 0}});
        assertThat(b.targets()).isDeepEqualTo(new long[][] {{2, 3, 4, 5}, {8, 9, 0, 0}});
        assertThat(b.lossMask()).isDeepEqualTo(new float[][] {{0, 0, 1, 1}, {0, 1, 0, 0}});
        assertThat(b.attention()).isDeepEqualTo(new long[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        assertThat(b.tokens()).isEqualTo(6);
    }

    @Test
    void trainingDataNeedsAnswersAndNamesTheRecord() throws Exception {
        Path f = tmp.resolve("lunar-like.json");
        Files.writeString(f, "[{\"instruction\": \"What is the currency of ZZQ?\", \"category\": null}]");
        assertThatThrownBy(() -> TrainingData.read(f)).hasMessageContaining("lunar-like.json: record 0")
                .hasMessageContaining("has no 'answer'");
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"question\": \"a\", \"answer\": \"b\"}\n{\"question\": \"c\" \"answer\": \"d\"}\n");
        assertThatThrownBy(() -> TrainingData.read(bad)).hasMessageContaining("bad.jsonl line 2");
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        TrainConfig c = TrainConfig.builder(1.0, 1).batchSize(1).warmupRatio(0.1).build();
        assertThat(c.lrAt(0, 100)).isEqualTo(0.1);
        assertThat(c.lrAt(9, 100)).isEqualTo(1.0);
        assertThat(c.lrAt(55, 100)).isBetween(0.45, 0.55);
        assertThat(c.lrAt(99, 100)).isLessThan(0.01);
        TrainConfig lin = TrainConfig.builder(1.0, 1).batchSize(1).schedule("linear").warmupRatio(0.0).build();
        assertThat(lin.lrAt(50, 100)).isEqualTo(0.5);
        assertThatThrownBy(() -> TrainConfig.builder(1.0, 1).batchSize(1).schedule("exp").warmupRatio(0.0).build().lrAt(1, 2))
                .hasMessageContaining("Unknown schedule 'exp'");
    }
}
