package dev.seat.harness.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.LanguageModel;
import dev.seat.harness.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --batch-size auto: the CPU memory rule, and halving on out-of-memory errors. */
class AutoBatchSizeTest {

    @Test
    void cpuRuleFitsHalfTheFreeMemoryAfterTheWeights() {
        ModelConfig c = ModelConfig.read(RepoPaths.defaultCheckpoint().resolve("config.json"));
        int length = Math.min(AutoBatchSize.LENGTH, c.maxPositionEmbeddings());
        long row = AutoBatchSize.bytesPerRow(c, length);
        assertThat(row).isEqualTo(4L * length * (3L * c.vocabSize() + 12L * c.hiddenSize() + 3L * c.intermediateSize()
                + 2L * c.numHeads() * length));
        long weights = c.parameterCount() * 4;
        assertThat(AutoBatchSize.forMemory(c, weights + 2 * 5 * row, 4)).isEqualTo(5);
        assertThat(AutoBatchSize.forMemory(c, weights + 2 * 5 * row - 1, 4)).isEqualTo(4);
        assertThat(AutoBatchSize.forMemory(c, weights, 4)).isEqualTo(1);
        assertThat(AutoBatchSize.forMemory(c, Long.MAX_VALUE / 2, 4)).isEqualTo(AutoBatchSize.MAX);
    }

    @Test
    void halvesOnOutOfMemoryAndKeepsTheSizeThatWorked() {
        List<Integer> tried = new ArrayList<>();
        OomHalvingLanguageModel m = new OomHalvingLanguageModel(null, 64, size -> new LanguageModel() {
            @Override
            public List<LoglikResult> loglikelihood(List<LoglikRequest> requests) {
                tried.add(size);
                if (size > 8) {
                    throw new RuntimeException("wrapped", new IllegalStateException("CUDA out of memory. Tried to allocate 2.00 GiB"));
                }
                return List.of(new LoglikResult(-1, true, 1));
            }

            @Override
            public List<String> generateUntil(List<GenerationRequest> requests) {
                tried.add(size);
                throw new IllegalStateException("not memory: a real failure");
            }

            @Override
            public String fingerprint() {
                return "f";
            }
        });
        assertThat(m.loglikelihood(List.of(new LanguageModel.LoglikRequest("a", "b")))).hasSize(1);
        assertThat(tried).containsExactly(64, 32, 16, 8);
        assertThat(m.batchSize()).isEqualTo(8);
        m.loglikelihood(List.of(new LanguageModel.LoglikRequest("a", "b")));
        assertThat(tried).endsWith(8, 8);
        assertThatThrownBy(() -> m.generateUntil(List.of())).hasMessage("not memory: a real failure");
        assertThat(m.batchSize()).isEqualTo(8);
    }
}
