package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import org.junit.jupiter.api.Test;

/** lm-eval's reading of doc_to_text / doc_to_choice / doc_to_target values, on HF-shaped documents. */
class LmEvalFieldTest {
    static final JsonNode ARC = parse("{\"id\": \"Mercury_7\", \"question\": \"Which gas do plants take in?\", "
            + "\"choices\": {\"text\": [\"oxygen\", \"carbon dioxide\", \"it's \\\"helium\\\"\"], \"label\": [\"A\", \"B\", \"C\"]}, "
            + "\"answerKey\": \"B\", \"label\": 1, \"sol1\": \"a\", \"sol2\": \"b\"}");

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static LmEvalField field(String source, LmEvalField.Kind kind) {
        return new LmEvalField("t", "doc_to_x", source, kind);
    }

    @Test
    void aFieldNameAloneIsTheDocumentsField() {
        assertThat(field("question", LmEvalField.Kind.TEXT).render(ARC)).isEqualTo("Which gas do plants take in?");
        assertThat(field("label", LmEvalField.Kind.TARGET).evaluate(ARC).asInt()).isEqualTo(1);
        assertThat(field("choices", LmEvalField.Kind.TARGET).evaluate(ARC).isObject()).isTrue();
    }

    @Test
    void textIsRenderedAsJinjaWithTheTrailingNewlineDropped() {
        assertThat(field("Question: {{question}}\nAnswer:", LmEvalField.Kind.TEXT).render(ARC))
                .isEqualTo("Question: Which gas do plants take in?\nAnswer:");
        assertThat(field("Q: {{ question | lower }}\n", LmEvalField.Kind.TEXT).render(ARC))
                .isEqualTo("Q: which gas do plants take in?");
        assertThat(field("{% if label == 1 %}one{% else %}other{% endif %} {{ question.split(' ')[0] }}",
                LmEvalField.Kind.TEXT).render(ARC)).isEqualTo("one Which");
        assertThat(field("{{ question | regex_replace('(\\\\w+) gas', 'gas of \\\\1') }}", LmEvalField.Kind.TEXT).render(ARC))
                .isEqualTo("gas of Which do plants take in?");
    }

    @Test
    void choicesAreAListFromAnExpressionOrAPythonLiteral() {
        assertThat(field("{{choices.text}}", LmEvalField.Kind.CHOICES).evaluate(ARC).toString())
                .isEqualTo("[\"oxygen\",\"carbon dioxide\",\"it's \\\"helium\\\"\"]");
        assertThat(field("{{[sol1, sol2]}}", LmEvalField.Kind.CHOICES).evaluate(ARC).toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(field("['{{sol1}}', \"{{sol2}} x\"]", LmEvalField.Kind.CHOICES).evaluate(ARC).toString())
                .isEqualTo("[\"a\",\"b x\"]");
    }

    @Test
    void targetsAreIndicesTextOrLists() {
        assertThat(field("{{choices.label.index(answerKey)}}", LmEvalField.Kind.TARGET).evaluate(ARC).asInt()).isEqualTo(1);
        assertThat(field("{{answerKey}}", LmEvalField.Kind.TARGET).evaluate(ARC).asText()).isEqualTo("B");
        assertThat(field("{{label}}", LmEvalField.Kind.TARGET).evaluate(ARC).asInt()).isEqualTo(1);
        assertThat(field("{{choices.label}}", LmEvalField.Kind.TARGET).evaluate(ARC).toString()).isEqualTo("[\"A\",\"B\",\"C\"]");
    }

    @Test
    void anUnknownNameFailsNamingTheTaskFieldAndTemplate() {
        assertThatThrownBy(() -> new LmEvalField("my_task", "doc_to_text", "Q: {{questoin}}", LmEvalField.Kind.TEXT).render(ARC))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("Task my_task: doc_to_text failed")
                .hasMessageContaining("questoin")
                .hasMessageContaining("template: \"Q: {{questoin}}\"");
        TemplateFailure f = new TemplateFailure("my_task", "doc_to_text", "Q: {{questoin}}", "why");
        assertThat(f.on("document 7 of split 'test'").getMessage())
                .isEqualTo("Task my_task: doc_to_text failed on document 7 of split 'test': why; template: \"Q: {{questoin}}\"");
    }

    @Test
    void pythonLiterals() {
        assertThat(PythonLiteral.parse("['a', \"b's\", 'c\\'d', 3, -1.5, True, None, ('x',)]").toString())
                .isEqualTo("[\"a\",\"b's\",\"c'd\",3,-1.5,true,null,[\"x\"]]");
        assertThat(PythonLiteral.parse("{'k': [1, 2]}").toString()).isEqualTo("{\"k\":[1,2]}");
        assertThatThrownBy(() -> PythonLiteral.parse("[a, b]")).hasMessageContaining("'a' is not a Python literal");
    }
}
