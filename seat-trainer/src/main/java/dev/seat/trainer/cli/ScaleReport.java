package dev.seat.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The markdown tables of {@code bench-scale}'s report (scale.md), from its JSON. */
final class ScaleReport {
    private ScaleReport() {}

    static String markdown(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append("# Scale ladder (CPU, ").append(r.get("threads").asInt()).append(" threads, float32 weights)\n\n");
        b.append("Command: `").append(r.get("command").asText()).append("`  \n");
        b.append(String.format(Locale.ROOT, "Java heap limit %s. Prefill: %d-token prompts; decode: %d new tokens after %d-token"
                + " prompts (time includes that prefill). Training step: %d examples of %s. Every row is measured in a fresh JVM"
                + " after a warm-up (engine and libraries loaded): growth is its peak resident memory (VmHWM) minus its resident"
                + " memory before the load.%n%n",
                gib(r.get("max_heap_bytes").asLong()), r.get("prompt_tokens").asInt(), r.get("new_tokens").asInt(),
                r.get("decode_prompt_tokens").asInt(), r.get("train_batch").asInt(), r.get("data").asText()));
        b.append("## Load and generation\n\n");
        b.append("| model | parameters | weight files | fp32 weights | load s | RSS before | peak RSS | growth / fp32 weights"
                + " | Java heap peak | prefill tok/s b1 | b32 | decode tok/s b1 | b32 |\n");
        b.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode s : r.get("sizes")) {
            JsonNode l = s.get("load");
            JsonNode t = s.get("throughput");
            b.append(String.format(Locale.ROOT, "| %s | %,d | %d bf16, %s | %s | %.1f | %s | %s | %.2f | %s | %.0f | %.0f | %.1f | %.1f |%n",
                    s.get("like").asText(), s.get("parameters").asLong(), s.get("weight_files").asInt(),
                    gib(s.get("weight_file_bytes").asLong()), gib(s.get("weights_fp32_bytes").asLong()),
                    l.get("seconds").asDouble(), gib(l.get("rss_before_bytes").asLong()), gib(l.get("peak_rss_bytes").asLong()),
                    l.get("peak_growth_over_fp32_weights").asDouble(), gib(l.get("peak_heap_bytes").asLong()),
                    t.get("prefill_tokens_per_s_batch1").asDouble(), t.get("prefill_tokens_per_s_batch32").asDouble(),
                    t.get("decode_tokens_per_s_batch1").asDouble(), t.get("decode_tokens_per_s_batch32").asDouble()));
        }
        b.append("\n## One training step (one optimizer step from a fresh load; growth includes the load)\n\n");
        b.append("Activations: LoRA's growth beyond its float32 weights at that size; state bytes / parameter: the growth"
                + " beyond those activations per parameter (weights, gradients, optimizer state, mask, transients).\n\n");
        b.append("| model | method | step s | peak growth | bytes / parameter | state bytes / parameter | optimizer state"
                + " | KL cache | mask | note |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode s : r.get("sizes")) {
            s.get("steps").fields().forEachRemaining(e -> {
                JsonNode n = e.getValue();
                if (n.get("ran").asBoolean()) {
                    b.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %.1f | %.1f | %s | %s | %s | |%n", s.get("like").asText(),
                            e.getKey(), n.get("step_seconds").asDouble(), gib(n.get("peak_growth_bytes").asLong()),
                            n.get("bytes_per_parameter").asDouble(), n.get("state_bytes_per_parameter").asDouble(),
                            gib(n.get("optimizer_state_bytes").asLong()),
                            n.has("kl_cache_bytes") ? gib(n.get("kl_cache_bytes").asLong()) : "-",
                            n.has("mask_bytes") ? gib(n.get("mask_bytes").asLong()) : "-"));
                } else {
                    b.append(String.format(Locale.ROOT, "| %s | %s | not run | ~%s | | | | | | %s |%n", s.get("like").asText(),
                            e.getKey(), gib(n.get("predicted_bytes").asLong()), n.get("reason").asText()));
                }
            });
        }
        JsonNode e8 = r.get("estimate_8b");
        b.append(String.format(Locale.ROOT, "%n## Llama-3-8B (%,d parameters, fp32 weights %s) estimated from the measured bytes"
                + " per parameter (largest size each ran at)%n%n", e8.get("parameters").asLong(), gib(e8.get("weights_fp32_bytes").asLong())));
        b.append(String.format(Locale.ROOT, "Steps add the activations of the largest size scaled by hidden size x layers: %s.%n%n",
                gib(e8.get("activation_bytes").asLong())));
        b.append("| what | bytes / parameter | estimated peak growth |\n|---|---:|---:|\n");
        e8.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                b.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", e.getKey(), e.getValue().get("bytes_per_parameter").asDouble(),
                        gib(e.getValue().get("bytes").asLong())));
            }
        });
        return b.toString();
    }

    private static String gib(long bytes) {
        return BenchScaleCommand.gib(bytes);
    }
}
