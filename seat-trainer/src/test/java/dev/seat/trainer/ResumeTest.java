package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.LossCurve;
import dev.seat.trainer.mask.UpdateMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} on llama-tiny: it refuses another configuration, resumes LoRA dropout, recovers
 * a state left between the renames of a save, and repairs a torn log line.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    /** A progress reporter that throws at {@code step}, as a crash would (state was saved at step 3). */
    static ProgressReporter crashAt(long crashStep) {
        return new ProgressReporter(System.err, false) {
            @Override
            public void step(long step, long total, int epoch, double loss, double tps, double el, long done) {
                if (step == crashStep) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
    }

    /** Trains with config(3) (9 steps, state every 3) until the crash at step 5. */
    private void crashAtStep5(Path state) {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            Trainer t = new Trainer(cp.model(), TrainerTest.config(3), Objective.CAUSAL_LM, Map.of(), state, crashAt(5));
            assertThatThrownBy(() -> t.train(TrainerTest.reversalTask(), 0, false)).hasMessageContaining("simulated crash");
        }
    }

    private Map<String, float[]> uninterrupted() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            new Trainer(cp.model(), TrainerTest.config(0), Objective.CAUSAL_LM, Map.of(), tmp.resolve("whole"),
                    ProgressReporter.silent()).train(TrainerTest.reversalTask(), 0, false);
            return TrainerTest.snapshot(cp);
        }
    }

    /** Resumes from {@code state} and checks the weights and the log against an uninterrupted run. */
    private void resumeMatchesUninterrupted(Path state, Map<String, float[]> uninterrupted) {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            Trainer t = new Trainer(cp.model(), TrainerTest.config(3), Objective.CAUSAL_LM, Map.of(), state,
                    ProgressReporter.silent());
            assertThat(t.train(TrainerTest.reversalTask(), 0, true).steps()).isEqualTo(9);
            Map<String, float[]> resumed = TrainerTest.snapshot(cp);
            uninterrupted.forEach((name, w) -> assertThat(resumed.get(name)).as(name).containsExactly(w));
            List<String> log = TrainerTest.readLines(t.logFile());
            assertThat(log).hasSize(9);
            log.forEach(TrainerTest::parse);
            assertThat(t.lossCurve().points()).as("the loss curve holds the steps before the resume point too")
                    .extracting(LossCurve.Point::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(t.lossCurve().points()).extracting(LossCurve.Point::loss)
                    .containsExactlyElementsOf(log.stream().map(l -> ((JsonNode) TrainerTest.parse(l)).get("loss").asDouble()).toList());
        }
    }

    @Test
    void resumeRefusesAnotherConfigurationNamingEachDifferingKey() {
        Path state = tmp.resolve("run");
        crashAtStep5(state);
        TrainConfig other = TrainConfig.builder(1e-3, 3)
                .batchSize(8).warmupRatio(0.1).weightDecay(0.01).seed(43).saveEvery(3).build();
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            Trainer t = new Trainer(cp.model(), other, Objective.CAUSAL_LM, Map.of(), state, ProgressReporter.silent());
            assertThatThrownBy(() -> t.train(TrainerTest.reversalTask(), 0, true))
                    .hasMessageContaining("saved with another configuration")
                    .hasMessageContaining("train_config.learningRate: saved 0.003, now 0.001")
                    .hasMessageContaining("train_config.seed: saved 42, now 43")
                    .hasMessageNotContaining("batchSize");
            Trainer lessData = new Trainer(cp.model(), TrainerTest.config(3), Objective.CAUSAL_LM, Map.of(), state,
                    ProgressReporter.silent());
            assertThatThrownBy(() -> lessData.train(TrainerTest.reversalTask().subList(0, 23), 0, true))
                    .hasMessageContaining("examples: saved 24, now 23").hasMessageContaining("data_sha256: saved ");
            Trainer otherMethod = new Trainer(cp.model(), TrainerTest.config(3), Objective.CAUSAL_LM, Map.of(), state,
                    ProgressReporter.silent()).identifiedBy("method", new TextNode("sparse"));
            assertThatThrownBy(() -> otherMethod.train(TrainerTest.reversalTask(), 0, true))
                    .hasMessageContaining("method: saved absent, now \"sparse\"");
        }
        // another --save-every changes no result and is accepted
        TrainConfig saveEvery4 = TrainConfig.builder(3e-3, 3)
                .batchSize(8).warmupRatio(0.1).weightDecay(0.01).seed(42).saveEvery(4).build();
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            assertThat(new Trainer(cp.model(), saveEvery4, Objective.CAUSAL_LM, Map.of(), state, ProgressReporter.silent())
                    .train(TrainerTest.reversalTask(), 0, true).steps()).isEqualTo(9);
        }
    }

    @Test
    void loraWithDropoutResumesBitForBit() {
        TrainConfig cfg = TrainerTest.config(3);
        Map<String, float[]> whole = new LinkedHashMap<>();
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.3, List.of("q_proj", "v_proj"), 3)) {
            new Trainer(cp.model(), lora, cfg, Objective.CAUSAL_LM, UpdateMasks.none(), null, ProgressReporter.silent())
                    .train(TrainerTest.reversalTask(), 0, false);
            lora.trainable().forEach((k, v) -> whole.put(k, v.toFloatArray()));
        }
        Path state = tmp.resolve("lora");
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.3, List.of("q_proj", "v_proj"), 3)) {
            Trainer t = new Trainer(cp.model(), lora, cfg, Objective.CAUSAL_LM, UpdateMasks.none(), state, crashAt(5));
            assertThatThrownBy(() -> t.train(TrainerTest.reversalTask(), 0, false)).hasMessageContaining("simulated crash");
        }
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.3, List.of("q_proj", "v_proj"), 3)) {
            new Trainer(cp.model(), lora, cfg, Objective.CAUSAL_LM, UpdateMasks.none(), state, ProgressReporter.silent())
                    .train(TrainerTest.reversalTask(), 0, true);
            lora.trainable().forEach((k, v) -> assertThat(v.toFloatArray()).as(k).containsExactly(whole.get(k)));
        }
    }

    @Test
    void consecutivePassesDrawUnrelatedDropout() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.3, List.of("q_proj", "v_proj"), 3)) {
            double[] first = lora.dropoutStream(0).doubles(65).toArray();
            double[] second = lora.dropoutStream(1).doubles(64).toArray();
            assertThat(second).as("pass 1's draws are not pass 0's shifted by one")
                    .isNotEqualTo(java.util.Arrays.copyOfRange(first, 1, 65));
            assertThat(lora.dropoutStream(1).doubles(64).toArray()).as("a pass draws the same again").isEqualTo(second);
        }
    }

    @Test
    void aCrashBetweenTheRenamesOfASaveIsRecoveredFromEitherFolder() throws IOException {
        Map<String, float[]> whole = uninterrupted();
        // state.old and state.tmp both complete, no state: the newer state.tmp is used
        Path both = tmp.resolve("both");
        crashAtStep5(both);
        Files.move(both.resolve("state"), both.resolve("state.old"));
        copy(both.resolve("state.old"), both.resolve("state.tmp"));
        resumeMatchesUninterrupted(both, whole);
        assertThat(both.resolve("state.old")).doesNotExist();
        // only state.old left
        Path old = tmp.resolve("old");
        crashAtStep5(old);
        Files.move(old.resolve("state"), old.resolve("state.old"));
        resumeMatchesUninterrupted(old, whole);
    }

    @Test
    void aTornLastLogLineIsDroppedOnResume() throws IOException {
        Path state = tmp.resolve("torn");
        crashAtStep5(state);
        Files.writeString(state.resolve("train-log.jsonl"), "{\"step\":6,\"epoch\":2,\"lo", StandardOpenOption.APPEND);
        resumeMatchesUninterrupted(state, uninterrupted());
    }

    @Test
    void anUnreadableLogLineBeforeTheLastIsNamed() throws IOException {
        Path state = tmp.resolve("bad");
        crashAtStep5(state);
        Path log = state.resolve("train-log.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        lines.set(1, "garbage");
        Files.write(log, lines);
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            Trainer t = new Trainer(cp.model(), TrainerTest.config(3), Objective.CAUSAL_LM, Map.of(), state,
                    ProgressReporter.silent());
            assertThatThrownBy(() -> t.train(TrainerTest.reversalTask(), 0, true))
                    .hasMessageContaining("Line 2 of " + log).hasMessageContaining("garbage");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
