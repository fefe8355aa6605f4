package dev.seat.harness.tasks;

import java.nio.file.Path;

/** A benchmark data file that is missing or has a row that does not fit its format. */
public class DataFileException extends IllegalArgumentException {
    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE line N: MESSAGE". */
    public static DataFileException atLine(Path file, long line, String message) {
        return new DataFileException(file + " line " + line + ": " + message);
    }
}
