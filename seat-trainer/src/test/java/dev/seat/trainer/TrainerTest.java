package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on the llama-tiny reference checkpoint: it learns, logs, and resumes exactly. */
class TrainerTest {
    @TempDir
    Path tmp;

    static Path reference() {
        var p = RepoPaths.shared("reference/models/llama-tiny");
        assumeTrue(p.isPresent(), "../shared/reference/models/llama-tiny absent: trainer test skipped");
        return p.get();
    }

    /** 24 "question → answer" sequences: the answer repeats the question's tokens in reverse. */
    static List<TokenizedExample> reversalTask() {
        Random rng = new Random(7);
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = 4 + rng.nextInt(4);
            long[] ids = new long[2 * n + 2];
            ids[0] = 1;
            for (int j = 0; j < n; j++) {
                ids[1 + j] = 10 + rng.nextInt(200);
            }
            ids[n + 1] = 5; // separator
            for (int j = 0; j < n; j++) {
                ids[n + 2 + j] = ids[n - j];
            }
            out.add(new TokenizedExample(ids, n + 2));
        }
        return out;
    }

    static Map<String, float[]> snapshot(Checkpoint cp) {
        Map<String, float[]> out = new LinkedHashMap<>();
        cp.model().parameters().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    static TrainConfig config(int saveEvery) {
        return TrainConfig.builder(3e-3, 3)
                .batchSize(8).warmupRatio(0.1).weightDecay(0.01).seed(42).saveEvery(saveEvery).build();
    }

    @Test
    void lossDecreasesAndEveryStepIsLogged() {
        try (Checkpoint cp = Checkpoint.load(reference())) {
            Trainer trainer = new Trainer(cp.model(), config(0), Objective.CAUSAL_LM, Map.of(), tmp, ProgressReporter.silent());
            TrainConfig long8 = TrainConfig.builder(3e-3, 8).batchSize(8).warmupRatio(0.1).seed(42).build();
            trainer = new Trainer(cp.model(), long8, Objective.CAUSAL_LM, Map.of(), tmp, ProgressReporter.silent());
            Trainer.Result r = trainer.train(reversalTask(), 0, false);
            assertThat(r.steps()).isEqualTo(24);
            assertThat(r.lastLoss()).as("loss after 8 epochs vs first step").isLessThan(r.firstLoss() * 0.7);
            List<String> log = readLines(trainer.logFile());
            assertThat(log).hasSize(24);
            var first = Json.MAPPER.valueToTree(parse(log.get(0)));
            assertThat(first.has("loss") && first.has("lr") && first.has("grad_norm") && first.has("tokens_per_s")).isTrue();
        }
    }

    @Test
    void trainsOnAThreadDjlWasNotStartedOn() throws Exception {
        try (Checkpoint cp = Checkpoint.load(reference())) {
            TrainConfig cfg = TrainConfig.builder(3e-3, 1).batchSize(8).seed(42).build();
            Trainer trainer = new Trainer(cp.model(), cfg, Objective.CAUSAL_LM, Map.of(), tmp, ProgressReporter.silent());
            Trainer.Result[] result = new Trainer.Result[1];
            Throwable[] failure = new Throwable[1];
            Thread task = new Thread(() -> { // as a Spark task thread: libtorch records gradients there by default
                try {
                    result[0] = trainer.train(reversalTask(), 0, false);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            task.start();
            task.join();

            assertThat(failure[0]).isNull();
            assertThat(result[0].steps()).isEqualTo(3);
        }
    }

    @Test
    void resumeAfterACrashReachesTheSameWeights() {
        Map<String, float[]> uninterrupted;
        Trainer.Result whole;
        try (Checkpoint cp = Checkpoint.load(reference())) {
            whole = new Trainer(cp.model(), config(0), Objective.CAUSAL_LM, Map.of(), tmp.resolve("a"),
                    ProgressReporter.silent()).train(reversalTask(), 0, false);
            uninterrupted = snapshot(cp);
        }
        Path state = tmp.resolve("b");
        try (Checkpoint cp = Checkpoint.load(reference())) {
            ProgressReporter crashAtStep5 = new ProgressReporter(System.err, false) {
                @Override
                public void step(long step, long total, int epoch, double loss, double tps, double el, long done) {
                    if (step == 5) {
                        throw new IllegalStateException("simulated crash");
                    }
                }
            };
            Trainer t = new Trainer(cp.model(), config(3), Objective.CAUSAL_LM, Map.of(), state, crashAtStep5);
            assertThatThrownBy(() -> t.train(reversalTask(), 0, false)).hasMessageContaining("simulated crash");
        }
        assertThat(state.resolve("state/trainer_state.json")).exists();
        try (Checkpoint cp = Checkpoint.load(reference())) {
            Trainer t = new Trainer(cp.model(), config(3), Objective.CAUSAL_LM, Map.of(), state, ProgressReporter.silent());
            Trainer.Result r = t.train(reversalTask(), 0, true);
            assertThat(r.steps()).isEqualTo(9);
            assertThat(r.firstLoss()).as("first loss of the whole run, not of the resumed part").isEqualTo(whole.firstLoss());
            assertThat(r.tokens()).as("tokens of the whole run").isEqualTo(whole.tokens());
            assertThat(r.lastLoss()).isEqualTo(whole.lastLoss());
            Map<String, float[]> resumed = snapshot(cp);
            for (String name : uninterrupted.keySet()) {
                assertThat(resumed.get(name)).as(name).containsExactly(uninterrupted.get(name));
            }
            assertThat(readLines(t.logFile())).hasSize(9); // steps 4 and 5 of the crashed run are not doubled
        }
    }

    @Test
    void sameSeedTwiceGivesBitIdenticalWeights() {
        Map<String, float[]> a;
        try (Checkpoint cp = Checkpoint.load(reference())) {
            new Trainer(cp.model(), config(0), Objective.CAUSAL_LM, Map.of(), null, ProgressReporter.silent())
                    .train(reversalTask(), 0, false);
            a = snapshot(cp);
        }
        try (Checkpoint cp = Checkpoint.load(reference())) {
            new Trainer(cp.model(), config(0), Objective.CAUSAL_LM, Map.of(), null, ProgressReporter.silent())
                    .train(reversalTask(), 0, false);
            Map<String, float[]> b = snapshot(cp);
            a.forEach((k, v) -> assertThat(b.get(k)).as(k).containsExactly(v));
        }
    }

    @Test
    void aGarbageCollectionBetweenForwardAndBackwardLeavesGradientsIntact() {
        // DJL frees the scalar of mul(Number)/div(Number) with its Java buffer; autograd kept a
        // pointer to it. A GC before backward then turned gradients into garbage (see Scalars).
        Objective collectAfterForward = (model, batch, m) -> {
            Objective.Loss l = Objective.CAUSAL_LM.loss(model, batch, m);
            System.gc();
            System.gc();
            return l;
        };
        try (Checkpoint cp = Checkpoint.load(reference())) {
            TrainConfig twoEpochs = TrainConfig.builder(3e-3, 2)
                    .batchSize(4).schedule("constant").warmupRatio(0.0).seed(1).build();
            Trainer.Result r = new Trainer(cp.model(), twoEpochs, collectAfterForward, Map.of(), null,
                    ProgressReporter.silent()).train(reversalTask(), 0, false);
            assertThat(r.skippedSteps()).as("steps with non-finite gradients").isZero();
            assertThat(r.lastLoss()).isLessThan(r.firstLoss());
        }
    }

    @Test
    void nonFiniteGradientsNeverReachTheWeights() {
        Objective poisoned = (model, batch, m) ->
                new Objective.Loss(Objective.answerCrossEntropy(model, batch, m).mul(Float.NaN), Map.of());
        try (Checkpoint cp = Checkpoint.load(reference())) {
            Map<String, float[]> before = snapshot(cp);
            TrainConfig oneEpoch = TrainConfig.builder(3e-3, 1)
                    .batchSize(8).schedule("constant").warmupRatio(0.0).seed(1).build();
            Trainer.Result r = new Trainer(cp.model(), oneEpoch, poisoned, Map.of(), tmp, ProgressReporter.silent())
                    .train(reversalTask(), 0, false);
            assertThat(r.skippedSteps()).isEqualTo(3);
            Map<String, float[]> after = snapshot(cp);
            before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
            // the NaN gradients were cleared, not kept: a clean run on the same weights learns
            Trainer.Result clean = new Trainer(cp.model(), oneEpoch, Objective.CAUSAL_LM, Map.of(), tmp, ProgressReporter.silent())
                    .train(reversalTask(), 0, false);
            assertThat(clean.skippedSteps()).isZero();
            assertThat(clean.lastLoss()).isFinite();
            assertThat(snapshot(cp).get("model.norm.weight")).isNotEqualTo(before.get("model.norm.weight"));
            TrainConfig long5 = TrainConfig.builder(3e-3, 5)
                    .batchSize(8).schedule("constant").warmupRatio(0.0).seed(1).build();
            assertThatThrownBy(() -> new Trainer(cp.model(), long5, poisoned, Map.of(), tmp, ProgressReporter.silent())
                    .train(reversalTask(), 0, false)).hasMessageContaining("not finite for 11 steps in a row")
                    .hasMessageContaining("loss NaN").hasMessageContaining("gradient norm NaN")
                    .hasMessageMatching("(?s).*gradients not finite in (\\d+) of \\1 tensors.*")
                    .hasMessageContaining("weights not finite in none");
        }
    }

    @Test
    void resumeWithoutSavedStateSaysWhy() {
        try (Checkpoint cp = Checkpoint.load(reference())) {
            Trainer t = new Trainer(cp.model(), config(3), Objective.CAUSAL_LM, Map.of(), tmp, ProgressReporter.silent());
            assertThatThrownBy(() -> t.train(reversalTask(), 0, true)).hasMessageContaining("Nothing to resume");
        }
    }

    static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Object parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
