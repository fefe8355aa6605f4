package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.model.Checkpoint;
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
        p.items("KL base distributions", 5, 10, "inputs", 2.0);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r[############------------] KL base distributions 5/10 inputs, 2.5/s, ETA 2s   ");
    }

    @Test
    void theKlBaseDistributionCacheShowsItsProgress() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressReporter p = new ProgressReporter(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            BaseDistributions.compute(cp.model(), KlAndLoraTest.inputs(), 0, 16, 4, p);
        }
        String shown = buf.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("KL base distributions 0/10 inputs")
                .containsPattern("KL base distributions 10/10 inputs, [0-9.]+/s, ETA 0s").endsWith("\n");
    }
}
