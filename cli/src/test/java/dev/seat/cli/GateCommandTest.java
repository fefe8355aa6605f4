package dev.seat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.model.Checkpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./seat gate} on the embedded model, its report captured through picocli's writers. */
class GateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gate(String... args) {
        CommandLine cli = new CommandLine(new GateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aGateInWhichNoCheckRanFailsInsteadOfPassing(@TempDir Path results) {
        // Without -Dbenchmarks the benchmark suite skips everything: nothing was gated.
        int exit = gate("--suite", "Benchmarks", "-D", "results=" + results);

        assertThat(exit).as(out + "\n" + err).isEqualTo(2);
        assertThat(out.toString()).contains("SKIP", "0 passed, 0 failed");
        assertThat(err.toString()).contains("no check ran");
    }

    @Test
    void aSecondGateRunReadsEverythingFromTheCachesAndLoadsNoModel(@TempDir Path results) {
        String[] args = {"--suite", "UnverifiableQuestions", "--suite", "Separation", "--limit", "12", "-D", "results=" + results};
        assertThat(gate(args)).as(out + "\n" + err).isZero();
        String cold = out.toString();
        out.getBuffer().setLength(0);
        long weightLoads = Checkpoint.weightLoads();
        long sessions = OnnxSentenceEmbedder.sessionsCreated();

        assertThat(gate(args)).as(out + "\n" + err).isZero();

        assertThat(Checkpoint.weightLoads()).as("tiny-base's weights not read").isEqualTo(weightLoads);
        assertThat(OnnxSentenceEmbedder.sessionsCreated()).as("bge-small not loaded").isEqualTo(sessions);
        assertThat(verdicts(out.toString())).isEqualTo(verdicts(cold))
                .contains("  PASS  separatesUnknownFromKnown", "  PASS  refusalsSoundLikeRefusals");
    }

    /** The report's PASS and FAIL lines, answer tallies and summary (SKIP reasons name the run folders). */
    private static java.util.List<String> verdicts(String report) {
        return report.lines().filter(l -> l.startsWith("  PASS") || l.startsWith("  FAIL") || l.startsWith("  answers:")
                || l.contains(" checks: ")).toList();
    }

    @Test
    void theEmbeddedModelPassesTheUnverifiableQuestions(@TempDir Path results) {
        int exit = gate("--suite", "UnverifiableQuestions", "--limit", "12", "-D", "results=" + results);

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Unverifiable questions", "PASS  refuses", "PASS  refusalsSoundLikeRefusals");
    }
}
