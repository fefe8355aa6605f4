package dev.seat.harness.tasks;

/**
 * A task template that failed on a document: names the task, the field ({@code doc_to_text}, ...),
 * the template and, once known, the document's index in its split.
 */
public final class TemplateFailure extends IllegalArgumentException {
    private final String task;
    private final String field;
    private final String template;
    private final String reason;
    private final String document;

    TemplateFailure(String task, String field, String template, String reason) {
        this(task, field, template, reason, null, null);
    }

    private TemplateFailure(String task, String field, String template, String reason, String document, Throwable cause) {
        super(message(task, field, template, reason, document), cause);
        this.task = task;
        this.field = field;
        this.template = template;
        this.reason = reason;
        this.document = document;
    }

    /** The same failure, said to be on {@code document} (e.g. "document 3 of the test split"), unless already placed. */
    public TemplateFailure on(String document) {
        return this.document != null ? this : new TemplateFailure(task, field, template, reason, document, this);
    }

    private static String message(String task, String field, String template, String reason, String document) {
        String shown = template.length() > 200 ? template.substring(0, 200) + "..." : template;
        return "Task " + task + ": " + field + " failed" + (document == null ? "" : " on " + document) + ": " + reason
                + "; template: \"" + shown.replace("\n", "\\n") + "\"";
    }
}
