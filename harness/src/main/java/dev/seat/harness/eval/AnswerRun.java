package dev.seat.harness.eval;

import dev.seat.harness.results.ResponseCache;

/**
 * A model's answers to a question set and how they were obtained, for run manifests.
 *
 * @param answers the answers, with their metrics
 * @param set the questions asked
 * @param source read from the cache, generated, or generated after resuming a partial cache file
 * @param key the response-cache key (checkpoint fingerprint, questions, prompt format, decoding)
 * @param millis time taken to obtain them
 */
public record AnswerRun(Answers answers, QuestionSet set, Source source, ResponseCache.Key key, long millis) {

    /** How the answers were obtained. */
    public enum Source { CACHE, GENERATED, RESUMED }
}
