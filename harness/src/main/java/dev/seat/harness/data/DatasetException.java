package dev.seat.harness.data;

/** A dataset file seat cannot read; the message names the file and line. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }
}
