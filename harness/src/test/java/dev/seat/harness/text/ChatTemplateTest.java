package dev.seat.harness.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python-Jinja semantics of {@link ChatTemplate} that the reference templates do not all exercise. */
class ChatTemplateTest {
    @TempDir
    Path dir;

    private static final List<Map<String, String>> HELLO = List.of(Map.of("role", "user", "content", "Hello"));

    private ChatTemplate template(String source) throws IOException {
        ObjectNode config = Json.object();
        config.put("chat_template", source);
        config.put("bos_token", "<s>");
        config.set("eos_token", Json.object().put("__type", "AddedToken").put("content", "</s>"));
        config.putNull("pad_token");
        Files.writeString(dir.resolve("tokenizer_config.json"), Json.MAPPER.writeValueAsString(config));
        return ChatTemplate.load(dir, null).orElseThrow();
    }

    private String render(String source) throws IOException {
        return template(source).render(HELLO, true);
    }

    @Test
    void specialTokensAreStringsOrAddedTokenContentAndNullOnesAreUndefined() throws IOException {
        assertThat(render("{{ bos_token }}|{{ eos_token }}|{{ pad_token is defined }}")).isEqualTo("<s>|</s>|false");
    }

    @Test
    void splitIsPythonsLiteralSplitThatKeepsEmptyParts() throws IOException {
        // Java's String.split would drop the trailing empty part and give "a"
        assertThat(render("{{ 'a</think>'.split('</think>')[-1] }}|{{ 'a.b'.split('.') | length }}|{{ ' x  y '.split() | length }}"))
                .isEqualTo("|2|2");
    }

    @Test
    void stringMethodsAndTrimFollowPython() throws IOException {
        assertThat(render("{{ 'hello world'.title() }}|{{ 'ab'.upper() }}|{{ 'abc'.startswith('ab') }}"
                + "|{{ 'abc'.endswith('bc') }}|{{ '\u00a0x\u3000'.strip() }}|{{ '\u00a0y\u2003' | trim }}|{{ 'xxay' | trim('xy') }}"))
                .isEqualTo("Hello World|AB|true|true|x|y|a");
    }

    @Test
    void tojsonIsPythonJsonDumpsWithoutAsciiEscaping() throws IOException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("q", "caf\u00e9 \"x\"\n");
        args.put("n", Arrays.asList(1, 2.5, true, null));
        List<Map<String, Object>> call = List.of(Map.of("role", "assistant", "content", "", "arguments", args));
        ChatTemplate t = template("{{ messages[0].arguments | tojson }}|{{ {'a': [1]} | tojson(indent=2) }}");
        assertThat(t.render(call, false)).isEqualTo("{\"q\": \"caf\u00e9 \\\"x\\\"\\n\", \"n\": [1, 2.5, true, null]}|"
                + "{\n  \"a\": [\n    1\n  ]\n}");
    }

    @Test
    void raiseExceptionStopsWithTheTemplatesMessage() throws IOException {
        ChatTemplate t = template("{% if messages[0].role == 'user' %}{{ raise_exception('No users here!') }}{% endif %}ok");
        assertThatThrownBy(() -> t.render(HELLO, true))
                .isInstanceOfSatisfying(ChatTemplateException.class, e -> assertThat(e.raised()).isEqualTo("No users here!"))
                .hasMessage(dir.resolve("tokenizer_config.json") + " chat template raised: No users here!");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        ChatTemplate t = template("line one\n{% if messages %}never closed");
        assertThatThrownBy(() -> t.render(HELLO, true)).isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith(dir.resolve("tokenizer_config.json") + " chat template, line 2: ")
                .hasMessageContaining("endif");
    }

    @Test
    void strftimeNowFormatsTodayAndExtraVariablesOverrideIt() throws IOException {
        String source = "{% if not date_string is defined %}{% set date_string = strftime_now('%d %b %Y') %}{% endif %}{{ date_string }}";
        assertThat(render(source)).matches("\\d\\d [A-Z][a-z]{2} \\d{4}");
        assertThat(template(source).render(HELLO, true, Map.of("date_string", "26 Jul 2024"))).isEqualTo("26 Jul 2024");
    }

    @Test
    void globalFunctionsAreDefinedVariablesAsInPython() throws IOException {
        // Llama 3.1+ templates only call strftime_now after testing that it is defined
        String source = "{% if strftime_now is defined %}{{ strftime_now('%Y') }}{% else %}fallback{% endif %}"
                + "|{{ raise_exception is defined }}|{{ no_such_function is defined }}";
        assertThat(render(source)).matches("\\d{4}\\|true\\|false");
    }

    @Test
    void loopNamespaceAndBlockWhitespaceAreJinjas() throws IOException {
        String source = "{% set ns = namespace(n=0) %}\n"
                + "{% for m in messages %}\n"
                + "    {% set ns.n = ns.n + 1 %}\n"
                + "[{{ m.role }}{{ '.' if loop.last }}]\n"
                + "{% endfor %}\n"
                + "{{ ns.n }}{{ missing }}{{ 'x' if missing is not defined }}\n";
        List<Map<String, String>> two = List.of(Map.of("role", "user", "content", "a"), Map.of("role", "assistant", "content", "b"));
        // trim_blocks eats the newline after each tag, lstrip_blocks the indent before one; the final newline goes
        assertThat(template(source).render(two, false)).isEqualTo("[user]\n[assistant.]\n2x");
    }

    @Test
    void messageTextIsNeverInterpretedAsATemplate() throws IOException {
        List<Map<String, String>> tricky = List.of(Map.of("role", "user", "content", "{{ bos_token }} {% if x %}"));
        assertThat(template("{{ messages[0].content }}").render(tricky, true)).isEqualTo("{{ bos_token }} {% if x %}");
    }

    @Test
    void namedTemplatesUseDefaultOrTheNameAsked() throws IOException {
        ObjectNode config = Json.object();
        ArrayNode list = config.putArray("chat_template");
        list.addObject().put("name", "tool_use").put("template", "tools");
        list.addObject().put("name", "default").put("template", "plain");
        Files.writeString(dir.resolve("tokenizer_config.json"), Json.MAPPER.writeValueAsString(config));

        assertThat(ChatTemplate.load(dir, null).orElseThrow().render(HELLO, true)).isEqualTo("plain");
        assertThat(ChatTemplate.load(dir, "tool_use").orElseThrow().render(HELLO, true)).isEqualTo("tools");
        assertThatThrownBy(() -> ChatTemplate.load(dir, "rag")).isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("no chat template named 'rag'").hasMessageContaining("[tool_use, default]");
    }

    @Test
    void chatTemplateJinjaFileOverridesTokenizerConfig() throws IOException {
        template("from config");
        Files.writeString(dir.resolve("chat_template.jinja"), "from file{{ eos_token }}\n");
        ChatTemplate t = ChatTemplate.load(dir, null).orElseThrow();
        assertThat(t.render(HELLO, true)).isEqualTo("from file</s>");
        assertThat(t.origin()).isEqualTo(dir.resolve("chat_template.jinja").toString());
    }

    @Test
    void aFolderWithoutTemplateHasNone() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        assertThat(ChatTemplate.load(dir, null)).isEmpty();
        assertThatThrownBy(() -> ChatTemplate.load(dir, "default")).isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("has no chat template");
    }
}
