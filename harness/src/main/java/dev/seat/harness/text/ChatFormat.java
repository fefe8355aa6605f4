package dev.seat.harness.text;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a single-turn chat is written as text for one model. A checkpoint with a Jinja chat template
 * is prompted with that template, rendered as {@code transformers} renders it ({@link ChatTemplate});
 * the four built-in layouts ({@link Family}) are the fallback for checkpoints without a template and
 * what an explicit override by name ({@code chatFormat=llama3}, ...) selects.
 *
 * @param family the built-in layout; with a template, the layout it resembles (a label only)
 * @param system the built-in layout's default system message, or null for none
 * @param template the checkpoint's chat template, or null to use the built-in layout
 */
public record ChatFormat(Family family, String system, ChatTemplate template) {

    public enum Family {
        /** {@code <|start_header_id|>user<|end_header_id|>\n\n...<|eot_id|>} (Llama 3). */
        LLAMA3,
        /** {@code <|im_start|>user\n...<|im_end|>\n} (Qwen2.5 and seat's embedded model). */
        CHATML,
        /** {@code <s>[INST] ... [/INST]} (Mistral, Llama 2). */
        INST,
        /** {@code Question: ...\nAnswer:} for base models without a chat template. */
        PLAIN
    }

    /** A chat format override {@code template:NAME} picks the checkpoint's chat template NAME. */
    public static final String TEMPLATE_PREFIX = "template:";

    /** Llama 3.1's template writes this system header when none is given. */
    private static final String LLAMA31_SYSTEM = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n";
    private static final Pattern CHATML_DEFAULT_SYSTEM =
            Pattern.compile("<\\|im_start\\|>system\\\\n([^'\"{}<]+?)<\\|im_end\\|>");

    /** A built-in layout. */
    public ChatFormat(Family family, String system) {
        this(family, system, null);
    }

    public static ChatFormat of(Family family) {
        return new ChatFormat(family, null);
    }

    /** Prompts with a chat template. */
    public static ChatFormat of(ChatTemplate template) {
        return new ChatFormat(detect(template.source()).family(), null, template);
    }

    /**
     * The chat format of a checkpoint folder: its chat template (see {@link ChatTemplate#load}) when
     * it has one, else {@link Family#PLAIN}. {@code override}, when not null, is a built-in layout's
     * name (see {@link #named}) or {@code template:NAME} for one of the folder's named templates.
     */
    public static ChatFormat forCheckpoint(Path dir, String override) {
        if (override != null && !override.startsWith(TEMPLATE_PREFIX)) {
            return named(override);
        }
        String name = override == null ? null : override.substring(TEMPLATE_PREFIX.length());
        return ChatTemplate.load(dir, name).map(ChatFormat::of).orElseGet(() -> of(Family.PLAIN));
    }

    /** Picks a built-in layout by name: llama3, chatml, inst (mistral, llama2) or plain. */
    public static ChatFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "llama3", "llama-3" -> of(Family.LLAMA3);
            case "chatml", "qwen", "qwen2" -> of(Family.CHATML);
            case "inst", "mistral", "llama2", "llama-2" -> of(Family.INST);
            case "plain", "none" -> of(Family.PLAIN);
            default -> throw new IllegalArgumentException("Unknown chat format '" + name
                    + "'; expected one of llama3, chatml, inst (mistral, llama2), plain");
        };
    }

    /**
     * The built-in layout a Jinja chat template resembles, recognised from its text; null or
     * unknown → PLAIN. Only a label: a checkpoint with a template is prompted by the template.
     */
    public static ChatFormat detect(String chatTemplate) {
        if (chatTemplate == null || chatTemplate.isBlank()) {
            return of(Family.PLAIN);
        }
        if (chatTemplate.contains("<|start_header_id|>")) {
            return new ChatFormat(Family.LLAMA3, chatTemplate.contains("Cutting Knowledge Date") ? LLAMA31_SYSTEM : null);
        }
        if (chatTemplate.contains("<|im_start|>")) {
            Matcher m = CHATML_DEFAULT_SYSTEM.matcher(chatTemplate);
            return new ChatFormat(Family.CHATML, m.find() ? m.group(1) : null);
        }
        if (chatTemplate.contains("[INST]")) {
            return of(Family.INST);
        }
        return of(Family.PLAIN);
    }

    /** The prompt for one user message, ending where the assistant's answer begins. */
    public String prompt(String user) {
        if (template != null) {
            return template.render(List.of(Map.of("role", "user", "content", user)), true);
        }
        return switch (family) {
            case LLAMA3 -> "<|begin_of_text|>"
                    + (system == null ? "" : "<|start_header_id|>system<|end_header_id|>\n\n" + system + "<|eot_id|>")
                    + "<|start_header_id|>user<|end_header_id|>\n\n" + user.strip() + "<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\n";
            case CHATML -> (system == null ? "" : "<|im_start|>system\n" + system + "<|im_end|>\n")
                    + "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n";
            case INST -> "<s>[INST] " + user.strip() + " [/INST]";
            case PLAIN -> "Question: " + user + "\nAnswer:";
        };
    }

    /**
     * What follows an assistant answer in training text (the end-of-turn marker). With a template:
     * what the template writes after an assistant message, else its eos_token.
     */
    public String endOfTurn() {
        if (template != null) {
            return template.assistantEnd().or(this::eosToken).orElse("");
        }
        return switch (family) {
            case LLAMA3 -> "<|eot_id|>";
            case CHATML -> "<|im_end|>";
            case INST -> "</s>";
            case PLAIN -> "\n\n";
        };
    }

    /** Special tokens that end an assistant turn (those present in a vocabulary stop generation). */
    public List<String> stopTokens() {
        if (template != null) {
            Set<String> stops = new LinkedHashSet<>();
            template.assistantEnd().ifPresent(stops::add);
            eosToken().ifPresent(stops::add);
            stops.addAll(of(family).stopTokens()); // those of the layout it resembles, as before templates were rendered
            return List.copyOf(stops);
        }
        return switch (family) {
            case LLAMA3 -> List.of("<|eot_id|>", "<|end_of_text|>", "<|eom_id|>");
            case CHATML -> List.of("<|im_end|>", "<|endoftext|>");
            case INST -> List.of("</s>");
            case PLAIN -> List.of();
        };
    }

    private Optional<String> eosToken() {
        return Optional.ofNullable(template.specialTokens().get("eos_token")).map(Object::toString);
    }

    /** Plain-text stops (for the built-in plain layout, which has no end-of-turn token). */
    public List<String> stopStrings() {
        return template == null && family == Family.PLAIN ? List.of("\nQuestion:", "\n\n") : List.of();
    }

    /**
     * Short text identifying the format for caches and manifests: the layout's name, or
     * {@code template:NAME@sha256:HEX} of the chat template's source.
     */
    public String describe() {
        if (template != null) {
            return TEMPLATE_PREFIX + template.name() + "@sha256:" + template.sha256();
        }
        return family.name().toLowerCase(Locale.ROOT) + (system == null ? "" : "+system");
    }
}
