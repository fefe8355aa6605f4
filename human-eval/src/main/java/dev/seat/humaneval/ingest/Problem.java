package dev.seat.humaneval.ingest;

/**
 * One thing wrong with a returned file. {@link #format()} gives the one-line message:
 * {@code <file>: <where>, column '<column>': <what> (value: '<value>'); allowed: <what is allowed>}.
 *
 * @param file file name
 * @param location row / record / task, or null for the whole file
 * @param column column or field, or null
 * @param value the offending value, or null
 * @param message what is wrong
 * @param allowed what would be accepted, or null
 */
public record Problem(String file, String location, String column, String value, String message, String allowed) {

    public static Problem ofFile(String file, String message, String allowed) {
        return new Problem(file, null, null, null, message, allowed);
    }

    public String format() {
        StringBuilder sb = new StringBuilder(file).append(": ");
        if (location != null) {
            sb.append(location).append(", ");
        }
        if (column != null) {
            sb.append("column '").append(column).append("': ");
        }
        sb.append(message);
        if (value != null) {
            sb.append(" (value: ").append(quote(value)).append(')');
        }
        if (allowed != null) {
            sb.append("; allowed: ").append(allowed);
        }
        return sb.toString();
    }

    /** A value shortened to 80 characters with line breaks shown as {@code \n}, in quotes. */
    public static String quote(String value) {
        String s = value.replace("\r", "\\r").replace("\n", "\\n");
        if (s.length() > 80) {
            s = s.substring(0, 77) + "...";
        }
        return "'" + s + "'";
    }

    @Override
    public String toString() {
        return format();
    }
}
