package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values printed by CPython 3 for the same seeds and calls. */
class PythonRandomTest {

    @Test
    void randomAndGetrandbitsMatchCpython() {
        PythonRandom r = new PythonRandom(1234);
        assertThat(r.random()).isEqualTo(0.9664535356921388);
        assertThat(r.getrandbits(32)).isEqualTo(1892932127L);
    }

    @Test
    void sampleMatchesCpythonOnBothAlgorithms() {
        assertThat(new PythonRandom(7).sample(10, 3)).containsExactly(5, 2, 6); // pool algorithm
        assertThat(new PythonRandom(1234).sample(30, 6)).containsExactly(24, 14, 3, 0, 2, 18); // pool, k > 5
        assertThat(new PythonRandom(0).sample(1000, 3)).containsExactly(864, 394, 776); // set algorithm
        assertThat(new PythonRandom(4294967295L).sample(100, 2)).containsExactly(81, 79);
        PythonRandom r = new PythonRandom(1234);
        assertThat(r.sample(1319, 6)).containsExactly(902, 239, 15, 185, 1192, 71);
        assertThat(r.sample(1319, 6)).containsExactly(171, 201, 726, 484, 35, 63);
    }
}
