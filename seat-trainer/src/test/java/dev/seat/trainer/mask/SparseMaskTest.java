package dev.seat.trainer.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparseMaskTest {

    @Test
    void topKSelectsExactlyKWithTiesToTheLowerIndex() {
        boolean[] keep = SparseMask.topK(new float[] {1, 3, 3, 3, 0}, 2);
        assertThat(keep).containsExactly(false, true, true, false, false);
    }
}
