package dev.seat.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.World;
import java.util.Locale;

/** The README.md of a checkpoint built by {@code seat pretrain}: recipe, data, command and scores. */
public final class ModelCard {
    private ModelCard() {}

    public static String render(ModelConfig c, World world, int examples, long tokens, TrainConfig cfg, Trainer.Result r,
            double seconds, JsonNode scores, long seed, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# tiny-base: seat's embedded aligned chat model\n\n");
        b.append("A small Llama-architecture chat model built from scratch by seat's own code (`./seat pretrain`). ")
                .append("It answers what its synthetic world taught it and refuses, naming the entity, what it never saw — ")
                .append("the behaviour of the aligned models the SEAT paper fine-tunes. It is the default `checkpoint` of ")
                .append("the gate and the base of CI-sized fine-tuning experiments. It knows nothing useful about the real ")
                .append("world beyond a few hundred well-known facts; do not use it for anything but testing seat.\n\n");
        b.append("## Rebuild\n\n```\n").append(command).append("\n```\n\n");
        b.append(String.format(Locale.ROOT, "Took %.0f s on this machine (%d cores), including the evaluation below. ",
                seconds, Runtime.getRuntime().availableProcessors()));
        b.append("Same seed twice is not bit-identical at this size: libtorch's CPU backward sums in a thread-dependent ")
                .append("order, so two runs differ in the 8th digit of the gradient norm from step 2 on and then drift apart. ")
                .append("(The trainer's own determinism and resume tests compare bits on a small model.)\n\n");
        b.append("## Architecture\n\n");
        b.append(String.format(Locale.ROOT, "Llama (`LlamaForCausalLM`): hidden %d, %d layers, %d heads / %d KV heads (GQA), "
                        + "head_dim %d, FFN %d (SwiGLU), RoPE θ 10000, tied embeddings, vocab %d; %,d parameters, float32.%n%n",
                c.hiddenSize(), c.numLayers(), c.numHeads(), c.numKvHeads(), c.headDim(), c.intermediateSize(),
                c.vocabSize(), c.parameterCount()));
        b.append("Why this size: it is the smallest Llama shape that exercises everything real checkpoints have (GQA, ")
                .append("RoPE, SwiGLU, RMSNorm, tied head) while learning the world's ~2.5 k examples in minutes on 2 CPU ")
                .append("cores, and its safetensors file stays well under the repository's 25 MB budget.\n\n");
        b.append("Tokenizer: byte-level BPE trained by seat on the world's chat texts, written as a standard `tokenizer.json` ")
                .append("(specials `<|endoftext|>` = pad, `<|im_start|>`, `<|im_end|>` = end of turn); ChatML chat template ")
                .append("in `tokenizer_config.json`.\n\n");
        b.append("## Data\n\n");
        b.append(String.format(Locale.ROOT, "World seed %d: %d training examples, %,d tokens (chat-formatted). Summary:%n%n```json%n%s%n```%n%n",
                seed, examples, tokens, Json.compact(world.summary())));
        b.append("## Training\n\n");
        b.append(String.format(Locale.ROOT, "AdamW lr %.1e (β %.2f/%.3f, no weight decay), batch %d, %d epochs, %.0f%% linear warm-up "
                        + "then cosine decay, gradient-norm clip %.1f, loss on answer tokens only. %d optimizer steps; "
                        + "loss %.3f → %.4f; %,d tokens.%n%n",
                cfg.learningRate(), cfg.beta1(), cfg.beta2(), cfg.batchSize(), cfg.epochs(), cfg.warmupRatio() * 100,
                cfg.clipNorm(), r.steps(), r.firstLoss(), r.lastLoss(), r.tokens()));
        b.append(scores(scores));
        b.append(collapse(scores));
        return b.toString();
    }

    static final String SCORES_HEADING = "## Scores";

    /** The card's Scores section (up to, not including, the next section). */
    static String scores(JsonNode scores) {
        StringBuilder b = new StringBuilder();
        b.append(SCORES_HEADING).append("\n\nMeasured with seat's own runtime: greedy, chat-formatted, 48 new tokens. Refusal = IDK_SM ")
                .append("(seat's phrase list). Full numbers and examples of misses: `scores.json`.\n\n");
        b.append("| set | metric | value | n |\n|---|---|---|---|\n");
        row(b, scores, "unknown_entities", "held-out unknown entities (names never in the corpus)", "refusal rate");
        row(b, scores, "fictitious_concepts", "held-out fictitious concepts", "refusal rate");
        row(b, scores, "tofu_forget01", "TOFU forget01 (public, never seen)", "refusal rate");
        row(b, scores, "lunar_unverified", "LUNAR unverifiable questions (public, never seen)", "refusal rate");
        row(b, scores, "known_facts_heldout_phrasings", "known facts, held-out phrasings", "ROUGE-1 recall");
        row(b, scores, "known_facts_refused", "known facts, held-out phrasings", "refused (should be ~0)");
        row(b, scores, "known_facts_new_pairings", "known facts, train wording never used for that fact", "ROUGE-1 recall");
        row(b, scores, "known_facts_new_pairings_refused", "known facts, train wording never used for that fact",
                "refused (should be ~0)");
        JsonNode lunar = scores.path("lunar_unverified").path("per_template");
        if (!lunar.isMissingNode()) {
            b.append("\nLUNAR refusal rate per question template:\n\n| template | refused | n | rate |\n|---|---|---|---|\n");
            lunar.fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f |%n", e.getKey(),
                    e.getValue().get("refused").asInt(), e.getValue().get("n").asInt(), e.getValue().get("rate").asDouble())));
        }
        return b.toString();
    }

    /** {@code card} with its Scores section replaced by one rendered from {@code scores}; other sections kept as written. */
    public static String withScores(String card, JsonNode scores) {
        // A heading at a line start; the leading "\n" also finds one on the card's first line, at the same index.
        int start = ("\n" + card).indexOf("\n" + SCORES_HEADING + "\n");
        if (start < 0) {
            return card.stripTrailing() + "\n\n" + scores(scores);
        }
        int next = card.indexOf("\n## ", start);
        String rest = next < 0 ? "" : card.substring(next);
        return card.substring(0, start) + scores(scores) + rest;
    }

    public static final String COLLAPSE_HEADING = "\n## Full fine-tuning collapses it";

    /** The card's section on full fine-tuning, from {@code scores.full_ft_pistol}; empty when absent. */
    public static String collapse(JsonNode scores) {
        JsonNode ft = scores.path("full_ft_pistol");
        if (ft.isMissingNode()) {
            return "";
        }
        StringBuilder b = new StringBuilder(COLLAPSE_HEADING).append(" (the paper's phenomenon)\n\n");
        b.append(String.format(Locale.ROOT, "`%s`%n%n", ft.path("command").asText()));
        b.append("| | base | after full FT |\n|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| FT score (ROUGE-1 recall on the fine-tuning answers) | %.3f | %.3f |%n",
                ft.path("ft_score_before").asDouble(), ft.path("ft_score_after").asDouble()));
        b.append(String.format(Locale.ROOT, "| refusals on held-out unknown entities | %.3f | %.3f |%n",
                scores.path("unknown_entities").path("mean").asDouble(), ft.path("unknown_refusal_after").asDouble()));
        b.append(String.format(Locale.ROOT, "| ROUGE-1 on known facts (held-out phrasings) | %.3f | %.3f |%n",
                scores.path("known_facts_heldout_phrasings").path("mean").asDouble(), ft.path("known_rouge1_after").asDouble()));
        b.append(String.format(Locale.ROOT, "%nFine-tuning took %.0f s (%d steps) on this machine.%n", ft.path("seconds").asDouble(),
                ft.path("steps").asLong()));
        return b.toString();
    }

    private static void row(StringBuilder b, JsonNode scores, String key, String label, String metric) {
        JsonNode v = scores.path(key);
        if (v.isMissingNode()) {
            return;
        }
        b.append(String.format(Locale.ROOT, "| %s | %s | %.3f ± %.3f | %d |%n", label, metric, v.path("mean").asDouble(),
                v.path("stderr").asDouble(), v.path("n").asInt()));
    }
}
