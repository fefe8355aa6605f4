package dev.seat.trainer;

import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.MaskResample;
import java.util.List;

/**
 * Everything that defines a method beyond the optimizer settings ({@link TrainConfig}).
 *
 * @param alpha sparsity: share of coordinates frozen (masked methods)
 * @param maskKind random, magnitude or fisher
 * @param maskResample never (the paper's fixed mask) or every-step
 * @param fisherBatches micro-batches the fisher mask accumulates squared gradients over
 * @param gamma weight of the KL term
 * @param perturbations perturbed copies per example (K)
 * @param klPositions which positions of x̃ the KL covers
 * @param klTopK base tokens kept per position (0 = exact for vocabularies up to 4096, else 256)
 * @param perturbationSeed seed of the fictitious names (independent of the data order seed)
 * @param loraRank LoRA rank r
 * @param loraAlpha LoRA alpha (scale = alpha / r)
 * @param loraDropout LoRA dropout rate
 * @param loraTargets module names that get adapters
 */
public record MethodConfig(Method method, double alpha, MaskKind maskKind, MaskResample maskResample, int fisherBatches,
        double gamma, int perturbations, KlPositions klPositions, int klTopK, long perturbationSeed, int loraRank,
        double loraAlpha, double loraDropout, List<String> loraTargets) {

    /** Exact base distributions up to this vocabulary size; top-{@value #DEFAULT_TOP_K} above. */
    public static final int EXACT_VOCAB_LIMIT = 4096;
    public static final int DEFAULT_TOP_K = 256;

    public MethodConfig {
        loraTargets = List.copyOf(loraTargets);
    }

    /** The defaults of a method: α 0.8 random fixed mask, γ 1, one perturbed copy, KL on all positions, LoRA r 8 α 16 on q,v. */
    public static MethodConfig defaults(Method method) {
        return new MethodConfig(method, 0.8, MaskKind.RANDOM, MaskResample.NEVER, 4, 1.0, 1, KlPositions.ALL, 0, 0,
                8, 16, 0.0, List.of("q_proj", "v_proj"));
    }

    public MethodConfig withMethod(Method m) {
        return new MethodConfig(m, alpha, maskKind, maskResample, fisherBatches, gamma, perturbations, klPositions,
                klTopK, perturbationSeed, loraRank, loraAlpha, loraDropout, loraTargets);
    }

    public MethodConfig withAlpha(double a) {
        return new MethodConfig(method, a, maskKind, maskResample, fisherBatches, gamma, perturbations, klPositions,
                klTopK, perturbationSeed, loraRank, loraAlpha, loraDropout, loraTargets);
    }

    public MethodConfig withKlPositions(KlPositions p) {
        return new MethodConfig(method, alpha, maskKind, maskResample, fisherBatches, gamma, perturbations, p,
                klTopK, perturbationSeed, loraRank, loraAlpha, loraDropout, loraTargets);
    }

    public MethodConfig withPerturbationSeed(long s) {
        return new MethodConfig(method, alpha, maskKind, maskResample, fisherBatches, gamma, perturbations, klPositions,
                klTopK, s, loraRank, loraAlpha, loraDropout, loraTargets);
    }

    /** Tokens per position the KL cache keeps for a vocabulary of {@code vocab}. */
    public int cacheTopK(int vocab) {
        if (klTopK > 0) {
            return Math.min(klTopK, vocab);
        }
        return vocab <= EXACT_VOCAB_LIMIT ? vocab : DEFAULT_TOP_K;
    }
}
