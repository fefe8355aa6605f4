package dev.seat.harness.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.model.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation path on the embedded model: answers are generated once, then cached, except for changed weights. */
class EvaluatorTest {
    private static final Path BASE = RepoPaths.defaultCheckpoint();
    private static final Path QUESTIONS =
            RepoPaths.root().resolve("harness/src/main/resources/dev/seat/harness/eval/unverifiable-questions.jsonl");

    @Test
    void answersComeFromTheCacheOnASecondRunButNeverForWeightsChangedInMemory(@TempDir Path results) {
        assumeTrue(Files.isRegularFile(BASE.resolve("config.json")), BASE + " is absent: needs the embedded model");
        QuestionSet set = QuestionSet.of("unverifiable", QUESTIONS.toString(), QaDatasets.read(QUESTIONS)).limit(6);
        EvalSettings settings = EvalSettings.defaults().withResults(results).withMaxNewTokens(16);
        List<String> first;
        try (Checkpoint cp = Checkpoint.load(BASE); Evaluator evaluator = new Evaluator(settings)) {
            AnswerRun run = evaluator.run(cp, set, cp.chatFormat());
            assertThat(run.source()).isEqualTo(AnswerRun.Source.GENERATED);
            assertThat(evaluator.generatedCount()).isEqualTo(6);
            first = run.answers().texts();
            assertThat(run.answers().idkStringMatch().mean()).as("the embedded model refuses these").isGreaterThan(0.5);
        }
        try (Checkpoint cp = Checkpoint.load(BASE); Evaluator evaluator = new Evaluator(settings)) {
            AnswerRun cached = evaluator.run(cp, set, cp.chatFormat());
            assertThat(cached.source()).isEqualTo(AnswerRun.Source.CACHE);
            assertThat(cached.answers().texts()).isEqualTo(first);
            assertThat(evaluator.generatedCount()).isZero();

            cp.model().parameters().get("model.norm.weight").muli(-1); // what fine-tuning in place does: new weights
            cp.markWeightsChanged();
            AnswerRun tuned = evaluator.run(cp, set, cp.chatFormat());
            assertThat(tuned.source()).isEqualTo(AnswerRun.Source.GENERATED);
            assertThat(tuned.answers().texts()).isNotEqualTo(first);
            assertThat(evaluator.run(cp, set, cp.chatFormat()).source()).as("not remembered either")
                    .isEqualTo(AnswerRun.Source.GENERATED);
            assertThat(evaluator.generatedCount()).isEqualTo(12);
        }
        try (Checkpoint cp = Checkpoint.load(BASE); Evaluator evaluator = new Evaluator(settings)) {
            assertThat(evaluator.run(cp, set, cp.chatFormat()).answers().texts())
                    .as("the changed weights' answers never reached the cache").isEqualTo(first);
        }
    }
}
