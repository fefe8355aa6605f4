package dev.seat.harness.engine;



/**
 * A problem with what the gate was given (checkpoint folder, dataset file, configuration value)
 * rather than with the model under test. It carries one message that says what is wrong and what
 * to do, and no stack trace: test reports show the message alone instead of a wall of frames
 * inside the engine. A cause, if any, is kept for debugging.
 */
public final class SeatConfigurationException extends RuntimeException {
    public SeatConfigurationException(String message) {
        super(message, null, false, false);
    }

    public SeatConfigurationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
