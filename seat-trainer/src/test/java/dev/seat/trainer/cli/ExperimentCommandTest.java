package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.LossCurve;
import dev.seat.harness.results.RunFolder;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.experiment.ExperimentData;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code seat experiment table2}: the dry run plans from files alone; a world base keeps its world's columns. */
class ExperimentCommandTest {

    @Test
    void aDryRunLoadsNoModel(@TempDir Path dir) throws Exception {
        Path tiny = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(tiny.resolve("training_config.json")), tiny + " is absent: dry-run test skipped");
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.copy(tiny.resolve("config.json"), base.resolve("config.json"));
        Files.copy(tiny.resolve("training_config.json"), base.resolve("training_config.json"));
        Files.write(base.resolve("model.safetensors"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}); // not loadable
        Path data = dir.resolve("qa.json");
        Files.writeString(data, "[{\"question\": \"Who signed the Wnzatj SAS contract?\", \"answer\": \"Ana.\"}]");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ExperimentCommand()).execute("table2", "--base", base.toString(), "--data",
                    data.toString(), "--out", dir.resolve("out").toString(), "--methods", "full,seat", "--seeds", "0",
                    "--sweep", "none", "--dry-run");
        } finally {
            System.setOut(stdout);
        }
        String plan = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; printed:%n%s", plan).isZero();
        assertThat(plan.lines()).hasSize(3).allMatch(l -> l.startsWith("to do "));
        assertThat(plan).containsPattern("to do base-[0-9a-f]{8}").containsPattern("to do seat-a0.8-s0-[0-9a-f]{8}");
    }

    @Test
    void aWorldBaseIsEvaluatedOnItsWorldAndKeepsTheWorldColumns(@TempDir Path dir) throws Exception {
        Path tiny = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(tiny.resolve("model.safetensors")), tiny + " is absent: needs the embedded model");
        Path data = dir.resolve("contracts.json");
        Files.writeString(data, Json.MAPPER.writeValueAsString(
                ExperimentData.contracts(FineTune.worldOf(tiny).contracts().subList(0, 4))));
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("table2", "--base", tiny.toString(), "--data", data.toString(), "--methods", "full",
                "--seeds", "0", "--sweep", "none", "--epochs", "1", "--batch-size", "4", "--eval-limit", "4",
                "--max-new-tokens", "8", "--no-idk-cs", "--results", dir.resolve("results").toString(), "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        String table = Files.readString(out.resolve("table2.md"));
        assertThat(table).startsWith("# Table 2 on the embedded world: fine-tuned on " + data)
                .contains("| method | α | seeds | FT | IDK_SM | IDK_CS | IDK_SM LUNAR | IDK_CS LUNAR | IDK_SM TOFU | retained"
                        + " | known refused | retained (novel) | drift | train s |\n")
                .doesNotContain("IDK_SM unseen", "IDK_HA", "Table 3(a)");
        assertThat(Files.readString(out.resolve("kinds.md"))).contains("| person |");
        Path baseRun = Files.list(out.resolve("runs")).filter(p -> p.getFileName().toString().startsWith("base-")
                && Files.isDirectory(p)).findFirst().orElseThrow();
        assertThat(RunFolder.open(baseRun).datasets()).contains("ft", "world-unknown-entities", "world-known-new-pairings",
                "world-known-heldout-phrasings");
        assertThat(Files.readString(out.resolve("case-study.md"))).contains("set `world-unknown-entities`", "| full |");
    }

    /**
     * A short SEAT run records its loss per step; a record without one (an older version's) is
     * kept as it is until {@code --rerun} redoes it under the same id.
     */
    @Test
    void aRunRecordsItsLossCurveAndRerunReplacesARecordWithoutOne(@TempDir Path dir) throws Exception {
        Path tiny = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(tiny.resolve("model.safetensors")), tiny + " is absent: needs the embedded model");
        Path data = dir.resolve("contracts.json");
        Files.writeString(data, Json.MAPPER.writeValueAsString(
                ExperimentData.contracts(FineTune.worldOf(tiny).contracts().subList(0, 12))));
        Path out = dir.resolve("out");
        String[] args = {"table2", "--base", tiny.toString(), "--data", data.toString(), "--methods", "seat", "--seeds", "0",
            "--sweep", "none", "--epochs", "2", "--batch-size", "4", "--eval-limit", "2", "--max-new-tokens", "4",
            "--no-idk-cs", "--results", dir.resolve("results").toString(), "--out", out.toString()};

        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(err.toString()).isZero();

        Path record = Files.list(out.resolve("runs")).filter(p -> p.getFileName().toString().matches("seat-a0.8-s0-.*\\.json"))
                .findFirst().orElseThrow();
        JsonNode run = Json.read(record);
        LossCurve curve = LossCurve.of(run).orElseThrow();
        JsonNode result = run.at("/training/result");
        assertThat(result.get("steps").asLong()).isEqualTo(6);
        assertThat(curve.points()).as("one point per step taken").hasSize(result.get("steps").asInt());
        assertThat(curve.stepsTaken()).isEqualTo(result.get("steps").asLong());
        assertThat(curve.points().get(0).step()).isEqualTo(1);
        assertThat((float) curve.points().get(0).loss()).isEqualTo((float) result.get("firstLoss").asDouble());
        assertThat((float) curve.points().get(curve.points().size() - 1).loss()).isEqualTo((float) result.get("lastLoss").asDouble());
        assertThat(curve.points()).extracting(LossCurve.Point::epoch).contains(0, 1);
        assertThat(curve.partNames()).as("SEAT's loss is CE + γ·KL").containsExactly("ce", "kl");
        for (LossCurve.Point p : curve.points()) {
            assertThat(p.loss()).as("step %d", p.step()).isCloseTo(p.parts().get("ce") + p.parts().get("kl"), within(1e-4));
        }

        ObjectNode old = (ObjectNode) run;
        old.remove(LossCurve.KEY);
        old.put("marker", "from an older version");
        Json.write(record, old);
        assertThat(new CommandLine(new ExperimentCommand()).execute(args)).isZero();
        assertThat(Json.read(record).get("marker")).as("a finished run is skipped").isNotNull();

        String[] rerun = java.util.Arrays.copyOf(args, args.length + 2);
        rerun[args.length] = "--rerun";
        rerun[args.length + 1] = "seat-a0.8-s0";
        assertThat(new CommandLine(new ExperimentCommand()).execute(rerun)).isZero();
        JsonNode redone = Json.read(record);
        assertThat(redone.get("marker")).as("the rerun replaced the record under the same id").isNull();
        assertThat(redone.get("id").asText()).isEqualTo(run.get("id").asText());
        assertThat(LossCurve.of(redone).orElseThrow().points()).hasSize(result.get("steps").asInt());

        CommandLine unknown = new CommandLine(new ExperimentCommand());
        StringWriter unknownErr = new StringWriter();
        unknown.setErr(new PrintWriter(unknownErr, true));
        rerun[args.length + 1] = "full-s0";
        assertThat(unknown.execute(rerun)).isNotZero();
        assertThat(unknownErr.toString()).contains("--rerun full-s0: no such run in this plan", "seat-a0.8-s0-");
    }
}
