package dev.seat.harness.tasks;

/** How a task asks the model: score each choice, or generate text. */
public enum OutputType {
    /** One log-likelihood request per choice: (context, target_delimiter + choice). */
    MULTIPLE_CHOICE,
    /** One greedy generation per document, stopped at the task's {@code until} strings. */
    GENERATE_UNTIL;

    public String jsonName() {
        return name().toLowerCase();
    }

    public static OutputType fromJson(String s) {
        for (OutputType t : values()) {
            if (t.jsonName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("output_type must be multiple_choice or generate_until, got '" + s + "'");
    }
}
