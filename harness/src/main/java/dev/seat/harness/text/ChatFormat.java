package dev.seat.harness.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a single-turn chat is written as text for one model family. Recognised from
 * {@code tokenizer_config.json}'s {@code chat_template} (see {@link #detect}) or chosen by name.
 *
 * @param family the layout
 * @param system the family's default system message, or null for none
 */
public record ChatFormat(Family family, String system) {

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

    /** Llama 3.1's template writes this system header when none is given. */
    private static final String LLAMA31_SYSTEM = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n";
    private static final Pattern CHATML_DEFAULT_SYSTEM =
            Pattern.compile("<\\|im_start\\|>system\\\\n([^'\"{}<]+?)<\\|im_end\\|>");

    public static ChatFormat of(Family family) {
        return new ChatFormat(family, null);
    }

    /** Picks the format by name: llama3, chatml, inst (mistral, llama2) or plain. */
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

    /** Recognises the family of a Jinja chat template; null or unknown → PLAIN. */
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

    /** What follows an assistant answer in training text (the end-of-turn marker). */
    public String endOfTurn() {
        return switch (family) {
            case LLAMA3 -> "<|eot_id|>";
            case CHATML -> "<|im_end|>";
            case INST -> "</s>";
            case PLAIN -> "\n\n";
        };
    }

    /** Special tokens that end an assistant turn (those present in a vocabulary stop generation). */
    public List<String> stopTokens() {
        return switch (family) {
            case LLAMA3 -> List.of("<|eot_id|>", "<|end_of_text|>", "<|eom_id|>");
            case CHATML -> List.of("<|im_end|>", "<|endoftext|>");
            case INST -> List.of("</s>");
            case PLAIN -> List.of();
        };
    }

    /** Plain-text stops (for formats without an end-of-turn token). */
    public List<String> stopStrings() {
        return family == Family.PLAIN ? List.of("\nQuestion:", "\n\n") : List.of();
    }

    /** Short text identifying the format for caches and manifests. */
    public String describe() {
        return family.name().toLowerCase(Locale.ROOT) + (system == null ? "" : "+system");
    }
}
