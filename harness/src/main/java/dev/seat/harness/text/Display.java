package dev.seat.harness.text;

/** How questions and answers are shown in test trees, failure messages and reports. */
public final class Display {
    private Display() {}

    /** The text on one line (line breaks shown as ⏎), cut with … after {@code max} characters; blank → {@code (empty)}. */
    public static String oneLine(String text, int max) {
        String s = text.strip().replaceAll("\\s*\\R\\s*", " \u23CE ").replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "(empty)";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
