package dev.seat.harness.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rendering of {@code ../shared/reference/chat-templates/expected.json} (real models'
 * tokenizer_config.json files rendered by transformers), reproduced character for character, and
 * every error transformers raised raised here with the same message.
 */
class ChatTemplateReferenceTest {
    private static final TypeReference<List<Map<String, Object>>> MESSAGES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    @TestFactory
    Stream<DynamicTest> everyReferenceRenderingMatches() {
        Optional<Path> dir = RepoPaths.shared("reference/chat-templates");
        assumeTrue(dir.isPresent(), "../shared/reference/chat-templates is absent; skipping the reference renderings");
        JsonNode cases = Json.read(dir.get().resolve("expected.json"));
        assertThat(cases.size()).as("cases in expected.json").isGreaterThan(0);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("model").asText() + " " + c.get("case").asText(),
                    () -> check(dir.get().resolve(c.get("model").asText()), c)));
        }
        return tests.stream();
    }

    private static void check(Path modelDir, JsonNode c) {
        ChatTemplate template = ChatTemplate.load(modelDir, null).orElseThrow();
        Map<String, Object> passed = Json.MAPPER.convertValue(c.get("special_tokens"), OBJECT);
        template.specialTokens().forEach((name, value) -> {
            if (!name.equals("additional_special_tokens")) { // expected.json lists only the named ones
                assertThat(passed).as("special tokens transformers passed").containsEntry(name, value);
            }
        });
        for (String name : List.of("bos_token", "eos_token")) { // what these templates use
            if (passed.containsKey(name)) {
                assertThat(template.specialTokens()).as("special tokens").containsEntry(name, passed.get(name));
            }
        }
        List<Map<String, Object>> messages = Json.MAPPER.convertValue(c.get("messages"), MESSAGES);
        Map<String, Object> kwargs = Json.MAPPER.convertValue(c.get("template_kwargs"), OBJECT);
        boolean addGenerationPrompt = c.get("add_generation_prompt").asBoolean();
        if (c.path("error").asBoolean()) {
            ChatTemplateException e = catchThrowableOfType(ChatTemplateException.class,
                    () -> template.render(messages, addGenerationPrompt, kwargs));
            assertThat(e).as("transformers raised " + c.get("error_type").asText()).isNotNull();
            assertThat(e.raised()).isEqualTo(c.get("error_message").asText());
            assertThat(e.getMessage()).contains(modelDir.resolve("tokenizer_config.json").toString())
                    .endsWith(c.get("error_message").asText());
        } else {
            assertThat(template.render(messages, addGenerationPrompt, kwargs)).isEqualTo(c.get("rendered").asText());
        }
    }
}
