package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.cli.BenchTasksCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bench-tasks with lm-eval's flags: YAML tasks from --include-path, chat templates, the cache keeping them apart. */
class BenchTasksFlagsTest {
    @TempDir
    Path dir;

    private int run(ScriptedModel model, StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new BenchTasksCommand(checkpoint -> model));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void yamlTasksWithAChatTemplateRunAndReplayFromTheCache() throws IOException {
        Path qwen = RepoPaths.shared("reference/chat-templates/qwen2.5-instruct").orElse(null);
        assumeTrue(qwen != null, "../shared/reference/chat-templates is absent: skipped");
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("test.jsonl"), "{\"q\": \"Grass?\", \"c\": [\"green\", \"pink\"], \"g\": 0}\n"
                + "{\"q\": \"Sky?\", \"c\": [\"blue\", \"red\"], \"g\": 0}\n");
        Files.writeString(dir.resolve("tasks/colours.yaml"), """
                task: colours
                tag: palette
                dataset_path: json
                dataset_kwargs: {data_files: {test: %s}}
                test_split: test
                output_type: multiple_choice
                doc_to_text: "{{q}}"
                doc_to_target: g
                doc_to_choice: c
                colour_scheme: bright
                """.formatted(dir.resolve("test.jsonl")));
        List<String> common = List.of("--checkpoint", qwen.toString(), "--tasks", "palette", "--include-path",
                dir.resolve("tasks").toString(), "--results", dir.resolve("results").toString(), "--out", dir.resolve("out").toString());

        ScriptedModel plain = ScriptedModel.scoring(c -> -(double) c.length());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(plain, out, err, common.toArray(String[]::new))).as(out + "" + err).isZero();
        assertThat(err.toString()).contains("unknown key 'colour_scheme' ignored");
        assertThat(plain.loglikCalls.get(0).get(0).context()).isEqualTo("Grass?");
        assertThat(out.toString()).contains("colours").contains("acc,none=0.0000"); // ll = -length picks the shorter, wrong choice

        ScriptedModel chat = ScriptedModel.scoring(c -> -(double) c.length());
        List<String> chatArgs = new java.util.ArrayList<>(common);
        chatArgs.addAll(List.of("--apply-chat-template", "--system-instruction", "Be brief."));
        assertThat(run(chat, new StringWriter(), new StringWriter(), chatArgs.toArray(String[]::new))).isZero();
        assertThat(chat.loglikCalls).hasSize(1); // not replayed from the plain run's cache
        assertThat(chat.loglikCalls.get(0).get(0).context())
                .isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nGrass?<|im_end|>\n<|im_start|>assistant\n");

        ScriptedModel again = ScriptedModel.scoring(c -> { throw new AssertionError("asked the model again"); });
        StringWriter out3 = new StringWriter();
        assertThat(run(again, out3, new StringWriter(), chatArgs.toArray(String[]::new))).as(out3.toString()).isZero();
        assertThat(again.loglikCalls).isEmpty();
    }

    @Test
    void multiturnWithoutAChatTemplateIsRefused() {
        StringWriter err = new StringWriter();
        int exit = run(ScriptedModel.scoring(c -> 0.0), new StringWriter(), err, "--checkpoint", dir.toString(),
                "--tasks", "arc_easy", "--fewshot-as-multiturn");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--fewshot-as-multiturn needs --apply-chat-template");
    }
}
