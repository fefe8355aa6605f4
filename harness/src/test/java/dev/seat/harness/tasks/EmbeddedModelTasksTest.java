package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in task whose data is in {@code ../shared/datasets/benchmarks} runs end to end on
 * the embedded checkpoint with a small limit: real log-likelihoods and generations through the
 * lm-eval request semantics, metrics in range with n and stderr.
 */
class EmbeddedModelTasksTest {
    static final List<String> TASKS_WITH_SHARED_DATA = List.of("arc_easy", "arc_challenge", "piqa", "openbookqa",
            "truthfulqa_mc1", "truthfulqa_mc2", "gsm8k", "triviaqa", "mmlu_abstract_algebra");

    @Test
    void builtInTasksRunOnTheEmbeddedCheckpoint() {
        assumeTrue(Files.isDirectory(RepoPaths.defaultCheckpoint()), "models/tiny-base absent: skipped");
        assumeTrue(RepoPaths.shared("datasets/benchmarks").isPresent(), "../shared/datasets/benchmarks absent: skipped");
        TaskRegistry registry = TaskRegistry.builtins();
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            CheckpointLanguageModel lm = new CheckpointLanguageModel(cp, 16);
            for (String name : TASKS_WITH_SHARED_DATA) {
                TaskDefinition def = registry.task(name);
                int limit = name.equals("gsm8k") || name.equals("triviaqa") ? 2 : 6;
                TaskResult r = TaskRunner.run(lm, def, limit, name.equals("gsm8k") ? 1 : null);
                assertThat(r.effectiveSize()).as(name).isEqualTo(limit);
                for (var byFilter : r.metrics().values()) {
                    for (var e : byFilter.entrySet()) {
                        TaskMetric v = e.getValue();
                        assertThat(v.n()).as("%s %s n", name, e.getKey()).isEqualTo(limit);
                        assertThat(v.value()).as("%s %s", name, e.getKey()).isBetween(0.0, 1.0);
                        assertThat(v.stderr()).as("%s %s stderr", name, e.getKey()).isGreaterThanOrEqualTo(0.0);
                    }
                }
                if (def.outputType() == OutputType.MULTIPLE_CHOICE) {
                    assertThat(r.scoredTokens()).as(name + " scored tokens").isPositive();
                }
            }
        }
    }
}
