package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.Progress;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.kl.BaseDistributions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress of counted work on stderr: done/total, rate and ETA; the KL cache reports through it. */
class ProgressReporterTest {

    @Test
    void countedWorkShowsDoneTotalRateAndEta() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressReporter p = new ProgressReporter(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        Progress counter = p.counter("KL base distributions", 10, "inputs");
        counter.advance(5);
        counter.advance(5);
        counter.done();
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .matches("\\rKL base distributions: 10/10 inputs, [0-9.]+/s, done in 0s\\R");
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        new ProgressReporter(new PrintStream(none, true, StandardCharsets.UTF_8), false).counter("x", 1, "y").done();
        assertThat(none.size()).as("a silent reporter prints nothing").isZero();
    }

    @Test
    void theKlBaseDistributionCacheShowsItsProgress() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressReporter p = new ProgressReporter(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            BaseDistributions.compute(cp.model(), KlAndLoraTest.inputs(), 0, 16, 4, p);
        }
        String shown = buf.toString(StandardCharsets.UTF_8);
        assertThat(shown).containsPattern("KL base distributions: 10/10 inputs, [0-9.]+/s, done in 0s").endsWith("\n");
    }
}
