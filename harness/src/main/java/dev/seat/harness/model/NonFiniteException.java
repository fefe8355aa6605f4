package dev.seat.harness.model;

/** A computed result (logits, a log-likelihood) that is NaN or infinite; the message names it. */
public final class NonFiniteException extends CheckpointException {
    public NonFiniteException(String message) {
        super(message);
    }
}
