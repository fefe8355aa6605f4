package dev.seat.harness.model;

/**
 * A checkpoint folder or file that seat cannot use. The message names the file, the tensor or
 * key, what was expected and what was found.
 */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
