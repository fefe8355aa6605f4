package dev.seat.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TemplateCommandTest {
    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TemplateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    @Test
    void printsExactlyTheRenderingFromAFolderWithOnlyTokenizerConfig() throws IOException {
        Path model = dir.resolve("model");
        write("model/tokenizer_config.json", Files.readString(RepoPaths.defaultCheckpoint().resolve("tokenizer_config.json")));
        Path messages = write("m.json", "[{\"role\": \"user\", \"content\": \"Who is Zorvan Quill?\"},"
                + " {\"role\": \"assistant\", \"content\": \"I don't know.\"}]");

        Outcome pair = run("--checkpoint", model.toString(), "--messages", messages.toString());
        assertThat(pair.err()).isEmpty();
        assertThat(pair.exit()).isZero();
        assertThat(pair.out()).isEqualTo("<|im_start|>user\nWho is Zorvan Quill?<|im_end|>\n<|im_start|>assistant\nI don't know.<|im_end|>\n");

        Outcome prompt = run("--checkpoint", model.toString(), "--messages", messages.toString(), "--add-generation-prompt");
        assertThat(prompt.out()).isEqualTo(pair.out() + "<|im_start|>assistant\n");
    }

    @Test
    void everyReferenceRenderingPrintsAsTransformersRendersIt() throws IOException {
        Optional<Path> refs = RepoPaths.shared("reference/chat-templates");
        assumeTrue(refs.isPresent(), "../shared/reference/chat-templates is absent; skipping the reference renderings");
        JsonNode cases = Json.read(refs.get().resolve("expected.json"));
        int n = 0;
        for (JsonNode c : cases) {
            Path messages = write("case" + n++ + ".json", Json.compact(c.get("messages")));
            List<String> args = new ArrayList<>(List.of("--checkpoint", refs.get().resolve(c.get("model").asText()).toString(),
                    "--messages", messages.toString()));
            if (c.get("add_generation_prompt").asBoolean()) {
                args.add("--add-generation-prompt");
            }
            c.get("template_kwargs").fields().forEachRemaining(e -> args.add("--var=" + e.getKey() + "=" + e.getValue().asText()));
            Outcome o = run(args.toArray(String[]::new));
            String name = c.get("model").asText() + " " + c.get("case").asText();
            if (c.path("error").asBoolean()) {
                assertThat(o.exit()).as(name).isEqualTo(TemplateCommand.BAD_INPUT);
                assertThat(o.out()).as(name).isEmpty();
                assertThat(o.err()).as(name).startsWith("seat template: ").endsWith(c.get("error_message").asText() + System.lineSeparator());
            } else {
                assertThat(o.err()).as(name).isEmpty();
                assertThat(o.out()).as(name).isEqualTo(c.get("rendered").asText());
            }
        }
        assertThat(n).isEqualTo(cases.size()).isPositive();
    }

    @Test
    void aFolderWithoutTemplateOrBadMessagesExitWithOneLine() throws IOException {
        Path model = dir.resolve("plain");
        write("plain/tokenizer_config.json", "{\"eos_token\": \"</s>\"}");
        Path messages = write("m.json", "[{\"role\": \"user\", \"content\": \"Hi\"}]");
        Outcome none = run("--checkpoint", model.toString(), "--messages", messages.toString());
        assertThat(none.exit()).isEqualTo(TemplateCommand.BAD_INPUT);
        assertThat(none.err()).contains(model + " has no chat template").contains("plain layout");

        Path object = write("o.json", Json.compact(Map.of("role", "user")));
        Outcome bad = run("--checkpoint", RepoPaths.defaultCheckpoint().toString(), "--messages", object.toString());
        assertThat(bad.exit()).isEqualTo(TemplateCommand.BAD_INPUT);
        assertThat(bad.err()).isEqualTo("seat template: " + object + ": expected a JSON list of messages, found object"
                + System.lineSeparator());
    }
}
