package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.CheckpointFingerprint;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The {@link HumanLabels} check parameter: read from the files human-eval writes into run folders
 * ({@code metrics.json} keys {@code idk_ha*}), found by checkpoint fingerprint, most recent run
 * first; skipped with a reason when no run has labels.
 */
class HumanLabelsTest {
    @TempDir
    static Path models;

    static Path checkpoint;
    static String fingerprint;
    static FixtureSuites fixtures;
    static Class<?> LabelledQuestions;

    @TempDir
    Path results;

    @BeforeAll
    static void writeCheckpoint() {
        checkpoint = TinyCheckpoint.write(models.resolve("tiny-random"), 1);
        fingerprint = CheckpointFingerprint.of(checkpoint);
        fixtures = FixtureSuites.compile(models.resolve("fixture-classes"));
        LabelledQuestions = fixtures.load("fixtures.LabelledQuestions");
    }

    private EngineExecutionResults execute(String... parameters) {
        EngineTestKit.Builder kit = EngineTestKit.engine(new SeatTestEngine())
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(LabelledQuestions))
                .configurationParameter("checkpoint", checkpoint.toString())
                .configurationParameter("results", results.toString())
                .configurationParameter("runId", "gate");
        for (int i = 0; i < parameters.length; i += 2) {
            kit.configurationParameter(parameters[i], parameters[i + 1]);
        }
        return fixtures.call(kit::execute);
    }

    /** A run folder as the engine and {@code seat sheets report} leave it. */
    private Path labelledRun(String checkpointFolder, String runId, String runFingerprint, String started, Double idkHa) {
        Path run = results.resolve(checkpointFolder).resolve(runId);
        ObjectNode manifest = Json.object();
        manifest.put("run_id", runId);
        manifest.put("started", started);
        manifest.putObject("checkpoint").put("fingerprint", runFingerprint).put("name", checkpointFolder);
        Json.write(run.resolve("manifest.json"), manifest);
        ObjectNode metrics = Json.object();
        ObjectNode madeup = metrics.putObject("madeup");
        madeup.put("idk_sm", 0.25);
        if (idkHa != null) {
            madeup.put("idk_ha", idkHa);
            madeup.put("idk_ha_stderr", 0.02);
            madeup.put("idk_ha_n", 40);
            madeup.put("idk_ha_annotators", 3);
        }
        Json.write(run.resolve("metrics.json"), metrics);
        return run;
    }

    @Test
    void theMostRecentLabelledRunOfTheCheckpointIsAsserted() {
        labelledRun("tiny-random", "old", fingerprint, "2025-01-01T00:00:00Z", 0.5);
        Path recent = labelledRun("renamed-copy", "recent", fingerprint, "2025-03-01T00:00:00Z", 0.95);
        labelledRun("tiny-random", "unlabelled-newer", fingerprint, "2025-04-01T00:00:00Z", null);
        labelledRun("other-model", "newest", "0123456789abcdef", "2025-05-01T00:00:00Z", 0.1);

        execute().testEvents().assertStatistics(s -> s.succeeded(1).failed(0).skipped(0));

        EngineExecutionResults strict = execute("threshold.madeup.humansSeeRefusals", "0.99");
        assertThat(failure(strict).getMessage()).isEqualTo("[human labels of 'madeup' for checkpoint renamed-copy "
                + "(3 annotators, " + recent.resolve("metrics.json") + ")] idk_ha = 0.9500 ± 0.0200 (n=40), expected at "
                + "least 0.9900\nthreshold:\n  threshold.madeup.humansSeeRefusals = 0.99 (configured)");
    }

    @Test
    void withoutLabelsTheCheckIsSkippedSayingWhereItLookedAndHowToProduceThem() {
        labelledRun("tiny-random", "unlabelled", fingerprint, "2025-04-01T00:00:00Z", null);
        labelledRun("other-model", "labelled", "0123456789abcdef", "2025-05-01T00:00:00Z", 0.9);

        EngineExecutionResults r = execute();
        r.testEvents().assertStatistics(s -> s.skipped(1).started(0));
        String reason = r.testEvents().skipped().map(e -> e.getRequiredPayload(String.class)).findFirst().orElseThrow();
        Path gate = results.resolve("tiny-random").resolve("gate");
        assertThat(reason).isEqualTo("no human labels for dataset 'madeup' of checkpoint tiny-random (fingerprint "
                + fingerprint + "): none of the 2 run folder(s) with this fingerprint under " + results
                + " has 'idk_ha' for 'madeup' in its metrics.json. To produce labels: ./seat sheets export --runs " + gate
                + " --annotators N --out EXPORT, have the sheets filled in, then ./seat sheets ingest --key "
                + "EXPORT/private/key.json FILE... and ./seat sheets report --key EXPORT/private/key.json");
    }

    private static Throwable failure(EngineExecutionResults r) {
        return r.testEvents().failed().map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failed test; events: " + r.allEvents().list()));
    }
}
