package dev.seat.harness.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.ChatTemplate;
import dev.seat.harness.text.ChatTemplateException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat template}: prints a conversation rendered with a checkpoint's chat template, exactly
 * as {@code transformers}' {@code apply_chat_template(messages, tokenize=False)} renders it, with no
 * newline added. The folder needs only its {@code tokenizer_config.json} (or {@code chat_template.jinja}).
 * A folder without a template, a template that raises (e.g. a system message to a model that
 * refuses one) or a bad messages file print one line on stderr and exit 2.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Print messages rendered with a checkpoint's Jinja chat template, as transformers' "
                + "apply_chat_template(tokenize=False) renders them.")
public final class TemplateCommand implements Callable<Integer> {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    private static final TypeReference<List<Map<String, Object>>> MESSAGES = new TypeReference<>() {};

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint folder; tokenizer_config.json alone is enough (default: the embedded models/tiny-base)")
    Path checkpoint;

    @Option(names = "--messages", required = true, paramLabel = "FILE.json",
            description = "A JSON list of messages: [{\"role\": \"user\", \"content\": \"...\"}, ...]")
    Path messages;

    @Option(names = "--add-generation-prompt", description = "End with the header of the assistant's turn")
    boolean addGenerationPrompt;

    @Option(names = "--template-name", paramLabel = "NAME", description = "One of the checkpoint's named templates (default: default)")
    String templateName;

    @Option(names = "--var", paramLabel = "KEY=VALUE", description = "An extra template variable, e.g. --var date_string='26 Jul 2024'")
    Map<String, String> vars = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = checkpoint != null ? checkpoint : RepoPaths.defaultCheckpoint();
        try {
            ChatTemplate template = ChatTemplate.load(dir, templateName).orElse(null);
            if (template == null) {
                err.println("seat template: " + dir + " has no chat template (no chat_template in tokenizer_config.json, "
                        + "no chat_template.jinja); seat prompts such a checkpoint with its built-in plain layout");
                return BAD_INPUT;
            }
            String text = template.render(readMessages(messages), addGenerationPrompt, vars);
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return 0;
        } catch (ChatTemplateException | UncheckedIOException | IllegalArgumentException e) {
            err.println("seat template: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static List<Map<String, Object>> readMessages(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        JsonNode json = Json.read(file);
        if (!json.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON list of messages, found " + json.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < json.size(); i++) {
            if (!json.get(i).isObject() || !json.get(i).has("role")) {
                throw new IllegalArgumentException(file + ": message " + i + " is not an object with a \"role\": " + json.get(i));
            }
        }
        return Json.MAPPER.convertValue(json, MESSAGES);
    }
}
