package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench-scale's tables: a step that ran shows its numbers, one that did not shows its estimate and why. */
class ScaleReportTest {

    @Test
    void stepsThatRanAndStepsThatDidNotFit() {
        ObjectNode r = Json.object().put("command", "./seat bench-scale --checkpoints /x").put("threads", 2)
                .put("max_heap_bytes", 2L << 30).put("prompt_tokens", 32).put("new_tokens", 8).put("decode_prompt_tokens", 16)
                .put("train_batch", 4).put("data", "PISTOL");
        ObjectNode s = r.putArray("sizes").addObject().put("like", "TinyLlama-1.1B").put("parameters", 1_100_048_384L)
                .put("weight_files", 3).put("weight_file_bytes", 2_200_096_768L).put("weights_fp32_bytes", 4_400_193_536L);
        s.putObject("load").put("seconds", 12.5).put("rss_before_bytes", 300L << 20).put("peak_rss_bytes", 5000L << 20)
                .put("peak_growth_over_fp32_weights", 1.12).put("peak_heap_bytes", 100L << 20);
        s.putObject("throughput").put("prefill_tokens_per_s_batch1", 20.0).put("prefill_tokens_per_s_batch32", 60.0)
                .put("decode_tokens_per_s_batch1", 1.5).put("decode_tokens_per_s_batch32", 20.0);
        ObjectNode steps = s.putObject("steps");
        steps.putObject("lora").put("ran", true).put("step_seconds", 30.0).put("peak_growth_bytes", 6L << 30)
                .put("bytes_per_parameter", 5.9).put("state_bytes_per_parameter", 4.0).put("optimizer_state_bytes", 1L << 20);
        steps.putObject("full").put("ran", false).put("predicted_bytes", 20L << 30).put("reason", "needs about 20.00 GiB");
        Map<String, Double> per = new LinkedHashMap<>();
        per.put("load", 4.5);
        per.put("lora", 4.0);
        r.set("estimate_8b", BenchScaleCommand.estimate8b(per, 3L << 30));

        String md = ScaleReport.markdown(r);
        assertThat(md).contains("| TinyLlama-1.1B | 1,100,048,384 | 3 bf16, 2.05 GiB | 4.10 GiB | 12.5 | 0.29 GiB | 4.88 GiB | 1.12 |");
        assertThat(md).contains("| TinyLlama-1.1B | lora | 30.0 | 6.00 GiB | 5.9 | 4.0 | 0.00 GiB | - | - | |");
        assertThat(md).contains("| TinyLlama-1.1B | full | not run | ~20.00 GiB |").contains("needs about 20.00 GiB");
        // 8B: load has no activations; a step adds them
        assertThat(md).contains("| load | 4.5 | 33.65 GiB |").contains("| lora | 4.0 | 32.92 GiB |");
    }

    @Test
    void theoryBeforeAnyMeasurementCountsOnlyTrainableStateForMaskedMethods() {
        assertThat(BenchScaleCommand.theoryBytesPerParameter(Method.FULL, MethodConfig.defaults(Method.FULL))).isEqualTo(16);
        assertThat(BenchScaleCommand.theoryBytesPerParameter(Method.SPARSE, MethodConfig.defaults(Method.SPARSE)))
                .isCloseTo(10.6, org.assertj.core.api.Assertions.within(1e-9));
    }
}
