package dev.seat.harness.hub;

/** A Hub repository or file that could not be found, fetched, verified or read from the cache. */
public final class HubException extends RuntimeException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
