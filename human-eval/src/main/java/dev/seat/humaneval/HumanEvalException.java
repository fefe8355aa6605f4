package dev.seat.humaneval;

/**
 * A problem with the user's input (options, key file, run folders) that stops a sheets command.
 * The message is meant for the person at the terminal: it names the file and what was expected.
 */
public class HumanEvalException extends RuntimeException {
    public HumanEvalException(String message) {
        super(message);
    }

    public HumanEvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
