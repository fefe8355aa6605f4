package dev.seat.humaneval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.RoundTripTest;
import dev.seat.humaneval.SimulatedAnnotators;
import dev.seat.humaneval.key.ExportKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sheets commands as a user runs them: output, exit codes, messages on stderr. */
class SheetsCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = new CommandLine(new SheetsCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void exportIngestReport() throws Exception {
        Path seat = Fixtures.seatRun(tmp);
        Path study = tmp.resolve("study");
        assertThat(run("export", "--runs", seat.toString(), "--annotators", "2", "--out", study.toString(),
                "--seed", "4")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("4 items, seed 4", "sheet-A1.csv", "private key (do not share)");
        Path key = study.resolve("private/key.json");
        ExportKey k = ExportKey.read(key);

        Path a1 = tmp.resolve("back/sheet-A1.csv");
        SimulatedAnnotators.writeCsv(a1, SimulatedAnnotators.filledSheet(study.resolve("annotators/sheet-A1.csv"), k,
                RoundTripTest.A1Labels(), v -> v), ',', false);
        Path a2 = tmp.resolve("back/returned.csv");
        SimulatedAnnotators.writeCsv(a2, SimulatedAnnotators.filledSheet(study.resolve("annotators/sheet-A2.csv"), k,
                RoundTripTest.A1Labels(), SimulatedAnnotators::yesNo), ';', true);
        assertThat(run("ingest", "--key", key.toString(), a1.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("sheet-A1.csv: stored 4 labels of A1 in round 1");
        assertThat(run("ingest", "--key", key.toString(), "--annotator", "A2", a2.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("returned.csv: stored 4 labels of A2 in round 2");

        assertThat(run("report", "--key", key.toString())).as(err.toString()).isZero();
        // A1's labels on s0..s3 given by both: scores 1, 1, 0, 0.
        assertThat(out.toString()).contains("llama-seat/run-2 unverifiable: IDK_HA 0.500 ± 0.289 (n=4, 0 unlabelled)");
        assertThat(study.resolve("report/human-eval-report.md")).exists();
        assertThat(out.toString().strip()).as("the HTML report's path comes last, as ./seat gate prints it")
                .endsWith("report: " + study.resolve("report/report.html"));
        assertThat(study.resolve("report/report.html")).exists();
        assertThat(RunFolder.open(seat).metrics().at("/unverifiable/idk_ha").asDouble()).isEqualTo(0.5);
    }

    @Test
    void invalidInputGivesNonZeroExitAndMessagesOnStderr() throws Exception {
        Path seat = Fixtures.seatRun(tmp);
        Path study = tmp.resolve("study");
        assertThat(run("export", "--runs", seat.toString(), "--annotators", "2", "--out", study.toString(),
                "--overlap", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--overlap must be between 1 and --annotators (2), got 5");

        assertThat(run("export", "--runs", seat.toString(), "--out", study.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--annotators=N'");

        assertThat(run("export", "--runs", seat.toString(), "--annotators", "2", "--out", study.toString())).isZero();
        Path bad = tmp.resolve("sheet-A1.csv");
        List<String[]> rows = SimulatedAnnotators.readCsv(study.resolve("annotators/sheet-A1.csv"));
        rows.get(1)[3] = "perhaps";
        SimulatedAnnotators.writeCsv(bad, rows, ',', false);
        assertThat(run("ingest", "--key", study.resolve("private/key.json").toString(), bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("sheet-A1.csv: row 2, column 'refusal_outcome': not a label (value: 'perhaps')",
                "nothing from this file was stored: 1 problem; 3 of 4 rows were fine");
        assertThat(out.toString()).isEmpty();

        assertThat(run("ingest", "--key", tmp.resolve("nokey.json").toString(), bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Key file not found: ").contains("nokey.json");

        Files.writeString(tmp.resolve("notakey.json"), "{\"hello\": 1}");
        assertThat(run("report", "--key", tmp.resolve("notakey.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Not a key file of `seat sheets export`");
    }

    @Test
    void helpOnEverySubcommand() {
        for (String sub : List.of("export", "ingest", "report")) {
            assertThat(run(sub, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: sheets " + sub);
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("export", "ingest", "report");
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }
}
