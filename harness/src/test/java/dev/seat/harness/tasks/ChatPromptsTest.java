package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.text.ChatTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lm-eval's --apply_chat_template, --system_instruction and --fewshot_as_multiturn, rendered through
 * real models' templates from ../shared/reference/chat-templates (Qwen2.5 adds its default system
 * message; Gemma refuses a system message, so lm-eval asks again without it).
 */
class ChatPromptsTest {
    static final String TASK = """
            task: colours
            dataset_path: json
            dataset_kwargs:
              data_files:
                train: %1$s/train.jsonl
                test: %1$s/test.jsonl
            training_split: train
            test_split: test
            output_type: multiple_choice
            description: "Answer the question."
            doc_to_text: "Question: {{q}}\\nAnswer:"
            doc_to_target: g
            doc_to_choice: "{{c}}"
            num_fewshot: 1
            fewshot_config:
              sampler: first_n
            """;

    @TempDir
    Path dir;
    TaskDefinition def;

    @BeforeEach
    void task() throws IOException {
        Files.writeString(dir.resolve("train.jsonl"), "{\"q\": \"Sky?\", \"c\": [\"red\", \"blue\"], \"g\": 1}\n");
        Files.writeString(dir.resolve("test.jsonl"), "{\"q\": \"Grass?\", \"c\": [\"green\", \"pink\"], \"g\": 0}\n");
        Files.writeString(dir.resolve("t.yaml"), TASK.formatted(dir));
        TaskRegistry r = TaskRegistry.builtins();
        def = r.task(r.addYaml(dir.resolve("t.yaml")).get(0));
    }

    private static ChatTemplate template(String model) {
        Optional<Path> refs = RepoPaths.shared("reference/chat-templates");
        assumeTrue(refs.isPresent(), "../shared/reference/chat-templates is absent: skipped");
        return ChatTemplate.load(refs.get().resolve(model), null).orElseThrow();
    }

    private String context(PromptOptions options) {
        return new TaskRunner(DataLocator.of(dir), options).prepare(def, null, null).contexts().get(0);
    }

    @Test
    void plainTextPutsTheSystemInstructionBeforeTheDescription() {
        assertThat(context(PromptOptions.PLAIN))
                .isEqualTo("Answer the question.Question: Sky?\nAnswer: blue\n\nQuestion: Grass?\nAnswer:");
        assertThat(context(new PromptOptions(null, "Be brief.", false)))
                .isEqualTo("Be brief.\n\nAnswer the question.Question: Sky?\nAnswer: blue\n\nQuestion: Grass?\nAnswer:");
    }

    @Test
    void chatTemplateOneUserTurnOrMultiturnExamples() {
        ChatTemplate qwen = template("qwen2.5-instruct");
        assertThat(context(new PromptOptions(qwen, "Be brief.", false))).isEqualTo(
                "<|im_start|>system\nBe brief.\n\nAnswer the question.<|im_end|>\n"
                        + "<|im_start|>user\nQuestion: Sky?\nAnswer: blue\n\nQuestion: Grass?\nAnswer:<|im_end|>\n"
                        + "<|im_start|>assistant\n");
        assertThat(context(new PromptOptions(qwen, null, true))).isEqualTo(
                "<|im_start|>system\nAnswer the question.<|im_end|>\n"
                        + "<|im_start|>user\nQuestion: Sky?\nAnswer:<|im_end|>\n"
                        + "<|im_start|>assistant\nblue<|im_end|>\n"
                        + "<|im_start|>user\nQuestion: Grass?\nAnswer:<|im_end|>\n"
                        + "<|im_start|>assistant\n");
        assertThat(PromptBuilder.continuation(def, "green", new PromptOptions(qwen, null, false))).isEqualTo("green");
        assertThat(PromptBuilder.continuation(def, "green", PromptOptions.PLAIN)).isEqualTo(" green");
    }

    @Test
    void aTemplateRefusingSystemMessagesIsAskedAgainWithoutThem() {
        ChatTemplate gemma = template("gemma-2b-it");
        assertThat(context(new PromptOptions(gemma, "Be brief.", true))).isEqualTo(
                "<bos><start_of_turn>user\nQuestion: Sky?\nAnswer:<end_of_turn>\n"
                        + "<start_of_turn>model\nblue<end_of_turn>\n"
                        + "<start_of_turn>user\nQuestion: Grass?\nAnswer:<end_of_turn>\n"
                        + "<start_of_turn>model\n");
    }

    @Test
    void multiturnNeedsAChatTemplateAndChatRequestsScoreTheBareChoice() {
        assertThatThrownBy(() -> new PromptOptions(null, null, true)).hasMessageContaining("--apply-chat-template");
        ScriptedModel model = ScriptedModel.scoring(c -> -(double) c.length());
        TaskRegistry registry = TaskRegistry.builtins();
        registry.addYaml(dir.resolve("t.yaml"));
        new BenchmarkEvaluator(registry, DataLocator.of(dir)).measure(model, "scripted", List.of("colours"), null, null,
                new PromptOptions(template("qwen2.5-instruct"), null, false), Optional.empty());
        assertThat(model.loglikCalls.get(0)).extracting(r -> r.continuation()).containsExactly("green", "pink");
        assertThat(model.loglikCalls.get(0).get(0).context()).endsWith("<|im_start|>assistant\n");
    }
}
