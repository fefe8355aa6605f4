package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seat.harness.model.ModelConfig;
import dev.seat.trainer.init.Architecture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MethodLearningRateTest {

    private static ModelConfig real(String name, Integer layers) {
        return ModelConfig.parse(Path.of(name), Architecture.named(name).config(layers));
    }

    /** The paper's per-family rates for masked methods: 2e-5 on Llama, 3e-5 on Qwen; 1e-5 for the others on both. */
    @Test
    void maskedMethodsTakeTheirFamilysPaperRate() {
        assertThat(Method.SEAT.paperLearningRate("llama")).isEqualTo(2e-5);
        assertThat(Method.SPARSE.paperLearningRate("qwen2")).isEqualTo(3e-5);
        assertThat(Method.SEAT.paperLearningRate("qwen2")).isEqualTo(3e-5);
        assertThat(Method.SEAT.paperLearningRate("mistral")).isEqualTo(2e-5);
        assertThat(Method.FULL.paperLearningRate("qwen2")).isEqualTo(1e-5);
        assertThat(Method.LORA.paperLearningRate("llama")).isEqualTo(1e-5);
    }

    @Test
    void theSizeRuleScalesTheFamilysRate() {
        ModelConfig qwen = real("Qwen2.5-0.5B", null);
        ModelConfig llama = real("Llama-3.2-1B", null);
        double qwenScale = Math.pow(8e9 / qwen.parameterCount(), 0.6);
        assertThat(Method.SEAT.defaultLearningRate(qwen)).isCloseTo(3e-5 * qwenScale, within(1e-12));
        assertThat(Method.FULL.defaultLearningRate(qwen)).isCloseTo(1e-5 * qwenScale, within(1e-12));
        assertThat(Method.SEAT.defaultLearningRate(llama))
                .isCloseTo(2e-5 * Math.pow(8e9 / llama.parameterCount(), 0.6), within(1e-12));
        // Mistral-7B with every layer is within 10% of the paper's 8B: close to the paper's rate itself
        assertThat(Method.SEAT.defaultLearningRate(real("Mistral-7B", 32))).isCloseTo(2e-5, within(2e-6));
    }
}
