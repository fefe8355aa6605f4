package dev.seat.harness.report;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.metrics.Silhouette;
import dev.seat.harness.model.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureScratchTest {
    @Test
    void measure() {
        Path res = RepoPaths.root().resolve("suites/src/main/resources/dev/seat/suites");
        QuestionSet unk = QuestionSet.of("u", "u", QaDatasets.read(res.resolve("unverifiable-questions.jsonl")));
        QuestionSet kn = QuestionSet.of("k", "k", QaDatasets.read(res.resolve("known-facts.jsonl")));
        try (Evaluator ev = new Evaluator(EvalSettings.defaults())) {
            for (String m : System.getProperty("h5.models").split(",")) {
                try (Checkpoint cp = Checkpoint.load(Path.of(m))) {
                    float[][][] a = ev.lastTokenActivations(cp, List.of(unk, kn), cp.chatFormat());
                    boolean[] g = new boolean[a.length];
                    for (int i = 0; i < unk.size(); i++) g[i] = true;
                    for (int l = 0; l < a[0].length; l++) {
                        float[][] rows = new float[a.length][];
                        for (int i = 0; i < a.length; i++) rows[i] = a[i][l];
                        Pca p = Pca.fit(rows, 2);
                        float[][] two = new float[a.length][];
                        for (int i = 0; i < a.length; i++) { double[] xy = p.project(rows[i]); two[i] = new float[]{(float) xy[0], (float) xy[1]}; }
                        System.out.printf("H5 %s layer %d full %.4f 2d %.4f expl %.3f %.3f%n", m, l,
                                Silhouette.of(rows, g).mean(), Silhouette.of(two, g).mean(), p.explainedVarianceRatio()[0], p.explainedVarianceRatio()[1]);
                    }
                }
            }
        }
    }
}
