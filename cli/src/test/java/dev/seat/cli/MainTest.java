package dev.seat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.engine.SeatConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.JUnitException;

/** A failed command tells what went wrong, not which framework layer noticed it. */
class MainTest {

    @Test
    void aDiscoveryFailureShowsTheEnginesMessage() {
        Throwable wrapped = new JUnitException("TestEngine with ID 'seat' failed to discover tests",
                new SeatConfigurationException("checkpoint 'models/nonexist' is no local folder, and as a Hub id: offline"));
        assertThat(Main.message(wrapped)).isEqualTo("checkpoint 'models/nonexist' is no local folder, and as a Hub id: offline");
        assertThat(Main.message(new IllegalArgumentException("plain"))).isEqualTo("plain");
    }
}
