package dev.seat.harness.gate;

import dev.seat.harness.eval.Answers;

/**
 * A checkpoint's answers to one suite's questions, and the metrics over them; injected into
 * {@link Check} methods.
 *
 * <p>The answers are generated once per checkpoint fingerprint, question set, prompt format and
 * decoding settings, and cached on disk; every check and every suite using the same set shares
 * one instance. Each metric is computed on first use and remembered; the per-item values of every
 * metric used end up in the run's {@code responses-<dataset>.jsonl}. The numbers are those of
 * {@link Answers}, the evaluation path every seat command shares.
 */
public final class Responses extends Answers {

    /** Wraps an evaluation's answers (sharing their computed metrics). */
    public Responses(Answers answers) {
        super(answers);
    }
}
