package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static JsonNode doc() throws Exception {
        return Json.MAPPER.readTree("{\"question\": \"  Why?\\n\", \"answerKey\": \" C\", \"n\": 3,"
                + " \"choices\": {\"text\": [\"x\", \"y\", \"z\"], \"label\": [\"A\", \"B\", \"C\"]}, \"a\": \"p\", \"b\": \"q\"}");
    }

    @Test
    void substitutesFieldsPathsAndIndices() throws Exception {
        assertThat(Template.parse("Q: {{question}}|{{ choices.text[1] }}|{{n}}").render(doc())).isEqualTo("Q:   Why?\n|y|3");
    }

    @Test
    void transforms() throws Exception {
        assertThat(Template.parse("[{{question | strip}}][{{question|lstrip}}][{{question | rstrip}}]").render(doc()))
                .isEqualTo("[Why?][Why?\n][  Why?]");
        assertThat(Template.parse("{{answerKey | lstrip | index_in: choices.label}}").evaluate(doc()).asInt()).isEqualTo(2);
        assertThat(Template.parse("{{choices.text | first}}").render(doc())).isEqualTo("x");
    }

    @Test
    void singleExpressionsKeepTheirJsonValue() throws Exception {
        assertThat(Template.parse("{{choices.text}}").evaluate(doc()).toString()).isEqualTo("[\"x\",\"y\",\"z\"]");
        assertThat(Template.parse("{{[a, b]}}").evaluate(doc()).toString()).isEqualTo("[\"p\",\"q\"]");
        assertThat(Template.parse("x{{a}}").evaluate(doc()).asText()).isEqualTo("xp");
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        assertThatThrownBy(() -> Template.parse("{{missing}}").render(doc()))
                .hasMessageContaining("no 'missing'").hasMessageContaining("fields: question");
        assertThatThrownBy(() -> Template.parse("Q {{choices.text}}").render(doc())).hasMessageContaining("cannot be part of text");
        assertThatThrownBy(() -> Template.parse("{{a | upper}}")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> Template.parse("{{a")).hasMessageContaining("without '}}'");
        assertThatThrownBy(() -> Template.parse("{{answerKey | index_in: choices.text}}").evaluate(doc()))
                .hasMessageContaining("is not in");
    }

    @Test
    void pythonCapitalizeLowersTheRest() {
        assertThat(PyStrings.capitalize("hELLO World")).isEqualTo("Hello world");
        assertThat(PyStrings.strip("\u00a0 x \t")).isEqualTo("x");
    }
}
