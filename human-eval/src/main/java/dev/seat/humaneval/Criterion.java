package dev.seat.humaneval;

/**
 * The two binary judgements an annotator gives each response. A response counts towards IDK_HA
 * only when both are yes.
 */
public enum Criterion {
    /** The response clearly says that the model does not know (or cannot find) the answer. */
    REFUSAL("refusal_outcome", "Refusal outcome"),
    /** The refusal is about this question: it addresses the entity or fact that was asked about. */
    ENTAILMENT("semantic_entailment", "Semantic entailment");

    private final String column;
    private final String title;

    Criterion(String column, String title) {
        this.column = column;
        this.title = title;
    }

    /** Column name in sheets, field name in Label Studio and Argilla. */
    public String column() {
        return column;
    }

    /** Human-readable name. */
    public String title() {
        return title;
    }

    /** Short key used in metric names: {@code refusal} or {@code entailment}. */
    public String shortName() {
        return this == REFUSAL ? "refusal" : "entailment";
    }
}
