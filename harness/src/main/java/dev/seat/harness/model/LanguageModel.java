package dev.seat.harness.model;

import java.util.List;

/**
 * What benchmark tasks need from a checkpoint, in lm-evaluation-harness's terms: raw text in
 * (no chat template), log-likelihoods and generations out.
 */
public interface LanguageModel {

    /** log P(continuation | context) summed over the continuation's tokens. */
    record LoglikRequest(String context, String continuation) {}

    /**
     * @param logprob sum of the continuation tokens' log-probabilities
     * @param greedy whether every continuation token is the argmax at its position
     * @param tokens number of continuation tokens
     */
    record LoglikResult(double logprob, boolean greedy, int tokens) {}

    /** Greedy generation from {@code context} until any of {@code until} appears (not included). */
    record GenerationRequest(String context, List<String> until, int maxNewTokens) {}

    /**
     * Scores all requests, batched internally. Tokenization follows lm-eval: the context and
     * the continuation are encoded together and the continuation is the tokens after the
     * context's; trailing whitespace of the context moves to the continuation.
     */
    List<LoglikResult> loglikelihood(List<LoglikRequest> requests);

    /** Generates for all requests, batched internally; results in request order. */
    List<String> generateUntil(List<GenerationRequest> requests);

    /** A short stable id of the model's weights and tokenizer, for caches and reports. */
    String fingerprint();
}
