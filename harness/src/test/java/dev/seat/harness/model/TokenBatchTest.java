package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {

    @Test
    void leftPaddingMaskAndPositions() {
        TokenBatch b = TokenBatch.leftPadded(List.of(new long[] {5, 6, 7}, new long[] {8}), 0);
        assertThat(b.ids()).isDeepEqualTo(new long[][] {{5, 6, 7}, {0, 0, 8}});
        assertThat(b.mask()).isDeepEqualTo(new long[][] {{1, 1, 1}, {0, 0, 1}});
        assertThat(b.positions()).isDeepEqualTo(new long[][] {{0, 1, 2}, {1, 1, 0}});
        assertThat(b.padding(1)).isEqualTo(2);
    }

    @Test
    void longSequencesGetSmallerBatches() {
        assertThat(TokenBatch.rowsWithinBudget(100, 4, 16)).isEqualTo(16);
        // 5-shot GSM8K with a small vocabulary: ~2,500 tokens, 4 heads → 25 M scores a row
        assertThat(TokenBatch.rowsWithinBudget(2500, 4, 16)).isEqualTo(10);
        // an 8k context on a 32-head model: one at a time, never zero
        assertThat(TokenBatch.rowsWithinBudget(8192, 32, 16)).isEqualTo(1);
    }
}
