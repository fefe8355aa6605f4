package dev.seat.harness.text;

/**
 * A chat template that cannot be read or rendered: a Jinja syntax or evaluation error, or the
 * template's own {@code raise_exception(message)} (see {@link #raised()}), which is how templates
 * refuse a conversation (a system message to Gemma, roles that do not alternate for Mistral).
 */
public final class ChatTemplateException extends RuntimeException {
    private final String raised;

    ChatTemplateException(String message, String raised) {
        super(message);
        this.raised = raised;
    }

    public ChatTemplateException(String message) {
        this(message, null);
    }

    /** The message the template passed to {@code raise_exception}, or null for other errors. */
    public String raised() {
        return raised;
    }
}
