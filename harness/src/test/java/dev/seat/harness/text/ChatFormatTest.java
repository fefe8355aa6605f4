package dev.seat.harness.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which chat format a checkpoint gets, and that rendering its template left the embedded model's prompts as they were. */
class ChatFormatTest {
    private static final Path TINY_BASE = RepoPaths.defaultCheckpoint();
    /** Every question of the gate's three suites. */
    private static final List<String> GATE_QUESTIONS = gateQuestions();

    private static List<String> gateQuestions() {
        Path suites = RepoPaths.root().resolve("harness/src/main/resources/dev/seat/harness/eval");
        List<String> questions = new ArrayList<>();
        for (String file : List.of("known-facts.jsonl", "unseen-entities.jsonl", "unverifiable-questions.jsonl")) {
            QaDatasets.read(suites.resolve(file)).stream().map(QaItem::question).forEach(questions::add);
        }
        questions.add("  leading and trailing spaces \u00a0");
        return questions;
    }

    @Test
    void theEmbeddedModelsTemplateWritesTheGatesPromptsAsTheChatmlLayoutDid() {
        ChatFormat rendered = ChatFormat.forCheckpoint(TINY_BASE, null);
        ChatFormat layout = ChatFormat.of(ChatFormat.Family.CHATML); // what Checkpoint used before templates were rendered
        assertThat(rendered.template()).isNotNull();
        assertThat(GATE_QUESTIONS).hasSizeGreaterThan(500);
        for (String q : GATE_QUESTIONS) {
            assertThat(rendered.prompt(q)).as(q).isEqualTo(layout.prompt(q));
        }
        assertThat(rendered.endOfTurn()).isEqualTo(layout.endOfTurn());
        assertThat(rendered.stopTokens()).containsExactlyInAnyOrderElementsOf(layout.stopTokens());
        assertThat(rendered.stopStrings()).isEqualTo(layout.stopStrings());
        assertThat(rendered.family()).isEqualTo(ChatFormat.Family.CHATML);
    }

    @Test
    void theEmbeddedCheckpointPromptsAndStopsAsWithTheChatmlLayout() {
        try (Checkpoint templated = Checkpoint.load(TINY_BASE);
                Checkpoint layout = Checkpoint.load(TINY_BASE, Checkpoint.Options.defaults().withChatFormat("chatml"))) {
            for (String q : GATE_QUESTIONS.subList(0, 50)) {
                assertThat(templated.chatPrompt(q)).isEqualTo(layout.chatPrompt(q));
            }
            assertThat(templated.stopIds()).isEqualTo(layout.stopIds());
            assertThat(templated.padId()).isEqualTo(layout.padId());
            assertThat(layout.chatFormat().template()).isNull();
        }
    }

    @Test
    void describeNamesTheTemplateAndItsSha256() throws IOException {
        ChatFormat f = ChatFormat.forCheckpoint(TINY_BASE, null);
        String source = f.template().source();
        assertThat(f.describe()).isEqualTo("template:default@sha256:" + Digests.sha256(source));
        assertThat(ChatFormat.forCheckpoint(TINY_BASE, "chatml").describe()).isEqualTo("chatml");
    }

    @Test
    void aFolderWithoutTemplateFallsBackToPlainAndNamesOverrideTheTemplate(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        ChatFormat plain = ChatFormat.forCheckpoint(dir, null);
        assertThat(plain.template()).isNull();
        assertThat(plain.prompt("Why?")).isEqualTo("Question: Why?\nAnswer:");
        assertThat(plain.stopStrings()).containsExactly("\nQuestion:", "\n\n");

        assertThat(ChatFormat.forCheckpoint(TINY_BASE, "llama3").prompt("Hi")).startsWith("<|begin_of_text|>");
        assertThatThrownBy(() -> ChatFormat.forCheckpoint(TINY_BASE, "template:tool_use"))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("no chat template named 'tool_use'");
        assertThatThrownBy(() -> ChatFormat.forCheckpoint(TINY_BASE, "vicuna")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endOfTurnIsWhatEachReferenceTemplateWritesAfterAnAnswer() {
        Optional<Path> dir = RepoPaths.shared("reference/chat-templates");
        assumeTrue(dir.isPresent(), "../shared/reference/chat-templates is absent; skipping the real templates' end-of-turn");
        assertThat(endOfTurn(dir.get(), "meta-llama-3-8b-instruct")).isEqualTo("<|eot_id|>");
        assertThat(endOfTurn(dir.get(), "llama-3.2-3b-instruct")).isEqualTo("<|eot_id|>");
        assertThat(endOfTurn(dir.get(), "qwen2.5-instruct")).isEqualTo("<|im_end|>");
        assertThat(endOfTurn(dir.get(), "gemma-2b-it")).isEqualTo("<end_of_turn>");
        assertThat(endOfTurn(dir.get(), "mistral-7b-instruct-v0.2")).isEqualTo("</s>");
        assertThat(endOfTurn(dir.get(), "deepseek-r1-distill-qwen-32b")).isEqualTo("<\uff5cend\u2581of\u2581sentence\uff5c>");
        ChatFormat gemma = ChatFormat.forCheckpoint(dir.get().resolve("gemma-2b-it"), null);
        assertThat(gemma.stopTokens()).startsWith("<end_of_turn>", "<eos>");
        assertThat(gemma.prompt("Hi")).isEqualTo("<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n");
    }

    private static String endOfTurn(Path references, String model) {
        return ChatFormat.forCheckpoint(references.resolve(model), null).endOfTurn();
    }
}
