package dev.seat.harness.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.Json;
import dev.seat.harness.tasks.PyStrings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkpoint's Jinja chat template, rendered as {@code transformers}'
 * {@code apply_chat_template(messages, tokenize=False)} renders it (see {@link TransformersJinja}).
 *
 * <p>Found the way {@code transformers} finds it in a checkpoint folder: {@code chat_template.jinja}
 * (the default) and {@code additional_chat_templates/NAME.jinja}, else {@code tokenizer_config.json}'s
 * {@code chat_template}, a string or a list of {@code {"name", "template"}} of which "default" is
 * used unless another name is asked for. The template sees {@code messages},
 * {@code add_generation_prompt}, the special tokens of {@code tokenizer_config.json}
 * ({@code bos_token}, {@code eos_token}, ...; a string or an AddedToken {@code {"content": ...}};
 * null ones are not passed) and any extra variables given to {@link #render}.
 */
public final class ChatTemplate {
    public static final String DEFAULT = "default";
    /** The special tokens transformers passes to templates (its SPECIAL_TOKENS_ATTRIBUTES). */
    private static final List<String> SPECIAL_TOKENS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token", "additional_special_tokens");

    private final String name;
    private final String source;
    private final Map<String, Object> specialTokens;
    private final String origin;
    private Optional<String> assistantEnd; // computed on first use

    /**
     * @param name the template's name ("default" for the main one)
     * @param source the Jinja source
     * @param specialTokens bos_token, eos_token, ... as the template sees them
     * @param origin where the template was read, for error messages
     */
    public ChatTemplate(String name, String source, Map<String, Object> specialTokens, String origin) {
        this.name = name;
        this.source = source;
        this.specialTokens = Map.copyOf(specialTokens);
        this.origin = origin;
    }

    /**
     * The chat template {@code name} (null: the default one) of a checkpoint folder; empty when the
     * folder has no template at all. Fails when the named template is missing, or when a folder has
     * only named templates and none is "default" (as transformers does).
     */
    public static Optional<ChatTemplate> load(Path dir, String name) {
        Path configFile = dir.resolve("tokenizer_config.json");
        JsonNode config = Files.isRegularFile(configFile) ? Json.read(configFile) : Json.object();
        Map<String, Object> tokens = specialTokens(config);
        Map<String, String> templates = new LinkedHashMap<>();
        JsonNode t = config.get("chat_template");
        if (t != null && t.isTextual()) {
            templates.put(DEFAULT, t.textValue());
        } else if (t != null && t.isArray()) {
            for (JsonNode entry : t) {
                templates.put(entry.path("name").asText(), entry.path("template").asText());
            }
        }
        Map<String, Path> files = templateFiles(dir);
        files.forEach((n, file) -> templates.put(n, read(file)));
        if (templates.isEmpty()) {
            if (name != null) {
                throw new ChatTemplateException(dir + " has no chat template (no chat_template in tokenizer_config.json, "
                        + "no chat_template.jinja), so template '" + name + "' cannot be used");
            }
            return Optional.empty();
        }
        String wanted = name == null ? DEFAULT : name;
        String chosen = templates.get(wanted);
        if (chosen == null) {
            throw new ChatTemplateException(dir + ": no chat template named '" + wanted + "'; the folder has "
                    + templates.keySet() + (name == null ? "; choose one by name" : ""));
        }
        Path file = files.get(wanted);
        String origin = (file != null ? file : configFile) + (wanted.equals(DEFAULT) ? "" : " (template '" + wanted + "')");
        return Optional.of(new ChatTemplate(wanted, chosen, tokens, origin));
    }

    /** chat_template.jinja as "default" and additional_chat_templates/NAME.jinja as NAME. */
    private static Map<String, Path> templateFiles(Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        Path extra = dir.resolve("additional_chat_templates");
        if (Files.isDirectory(extra)) {
            try (Stream<Path> list = Files.list(extra)) {
                list.filter(p -> p.getFileName().toString().endsWith(".jinja")).sorted().forEach(p -> {
                    String file = p.getFileName().toString();
                    files.put(file.substring(0, file.length() - ".jinja".length()), p);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + extra + ": " + e.getMessage(), e);
            }
        }
        if (Files.isRegularFile(dir.resolve("chat_template.jinja"))) {
            files.put(DEFAULT, dir.resolve("chat_template.jinja"));
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read chat template " + file + ": " + e.getMessage(), e);
        }
    }

    /** The named special tokens of a tokenizer_config.json, as text (null ones left out). */
    public static Map<String, Object> specialTokens(JsonNode tokenizerConfig) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String key : SPECIAL_TOKENS) {
            JsonNode n = tokenizerConfig.get(key);
            if (n != null && n.isArray()) {
                List<String> list = new ArrayList<>();
                n.forEach(item -> tokenContent(item).ifPresent(list::add));
                tokens.put(key, list);
            } else {
                tokenContent(n).ifPresent(text -> tokens.put(key, text));
            }
        }
        return tokens;
    }

    /** A special-token entry of tokenizer_config.json: a string or an AddedToken {"content": ...}. */
    public static Optional<String> tokenContent(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.isTextual()) {
            return Optional.of(n.asText());
        }
        return n.hasNonNull("content") ? Optional.of(n.get("content").asText()) : Optional.empty();
    }

    /** Renders a conversation with no extra template variables. */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders a conversation: each message a map with "role" and "content" (and whatever else the
     * template reads, e.g. "tool_calls"); {@code extra} are further template variables
     * ({@code date_string}, ...) that override the special tokens of the same name.
     *
     * @throws ChatTemplateException when the template calls {@code raise_exception} or fails
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> extra) {
        Map<String, Object> bindings = new LinkedHashMap<>(specialTokens);
        extra.forEach((k, v) -> {
            if (v != null) {
                bindings.put(k, v);
            }
        });
        bindings.put("messages", messages);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        return TransformersJinja.render(source, bindings, origin + " chat template");
    }

    /**
     * What the template writes after an assistant message, trailing whitespace removed
     * ({@code <|im_end|>}, {@code <|eot_id|>}, {@code </s>}, ...): the end-of-turn text a model is
     * trained to emit. Empty when the template writes nothing after an answer or refuses a
     * user–assistant pair.
     */
    public synchronized Optional<String> assistantEnd() {
        if (assistantEnd == null) {
            String answer = "SEAT_ANSWER_7f3e";
            try {
                String text = render(List.of(Map.of("role", "user", "content", "Q"), Map.of("role", "assistant", "content", answer)), false);
                int at = text.lastIndexOf(answer);
                String end = at < 0 ? "" : PyStrings.rstrip(text.substring(at + answer.length()));
                assistantEnd = end.isEmpty() ? Optional.empty() : Optional.of(end);
            } catch (ChatTemplateException e) {
                assistantEnd = Optional.empty();
            }
        }
        return assistantEnd;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    /** sha256 of the template source (hex). */
    public String sha256() {
        return Digests.sha256(source);
    }

    public Map<String, Object> specialTokens() {
        return specialTokens;
    }

    /** Where the template was read. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatTemplate t && name.equals(t.name) && source.equals(t.source)
                && specialTokens.equals(t.specialTokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, source, specialTokens);
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + name + " from " + origin + "]";
    }
}
