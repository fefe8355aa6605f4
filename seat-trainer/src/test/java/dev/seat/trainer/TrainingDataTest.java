package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.DatasetException;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training data the model cannot take is refused when read or tokenized, naming the record. */
class TrainingDataTest {
    @TempDir
    Path tmp;

    @Test
    void emptyQuestionsAndAnswersAreRefused() throws Exception {
        Path f = tmp.resolve("train.jsonl");
        Files.writeString(f, "{\"question\": \"Who is Ada?\", \"answer\": \"A mathematician.\"}\n"
                + "{\"id\": \"q2\", \"question\": \"Who is Bo?\", \"answer\": \"  \"}\n");
        assertThatThrownBy(() -> TrainingData.read(f)).isInstanceOf(DatasetException.class)
                .hasMessage(f + ": record 1 (id q2) has an empty answer; training needs both texts");
        Files.writeString(f, "{\"question\": \"\", \"answer\": \"A mathematician.\"}\n");
        assertThatThrownBy(() -> TrainingData.read(f)).hasMessageContaining("record 0 (id 0) has an empty question");
    }

    @Test
    void anAnswerLongerThanTheModelsPositionsIsRefusedBeforeTraining() {
        String longAnswer = "word ".repeat(20_000);
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            List<QaItem> items = List.of(new QaItem("short", "Who is Ada?", "A mathematician.", List.of()),
                    new QaItem("long", "Tell me everything.", longAnswer, List.of()));
            assertThatThrownBy(() -> TrainingData.tokenize(items, cp.tokenizer(), cp.chatFormat(), cp.config()))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("training record 1 (id long): ")
                    .hasMessageContaining("tokens, more than the model's max_position_embeddings 512; shorten it or leave it out");
            assertThat(TrainingData.tokenize(items.subList(0, 1), cp.tokenizer(), cp.chatFormat(), cp.config())).hasSize(1);
        }
    }
}
