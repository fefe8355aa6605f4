package dev.seat.harness.tasks;

import dev.seat.harness.text.ChatTemplate;

/**
 * How prompts are written, lm-eval's {@code --apply_chat_template}, {@code --system_instruction}
 * and {@code --fewshot_as_multiturn} (see {@link PromptBuilder}).
 *
 * @param chatTemplate the checkpoint's chat template to render each request through, or null for raw text
 * @param systemInstruction text put before the task's description (a system message with a chat
 *     template), or null
 * @param fewshotAsMultiturn each few-shot example as a user/assistant turn pair (needs a chat template)
 */
public record PromptOptions(ChatTemplate chatTemplate, String systemInstruction, boolean fewshotAsMultiturn) {
    /** Raw text prompts, as lm-eval writes them by default. */
    public static final PromptOptions PLAIN = new PromptOptions(null, null, false);

    public PromptOptions {
        if (fewshotAsMultiturn && chatTemplate == null) {
            throw new IllegalArgumentException("--fewshot-as-multiturn needs --apply-chat-template (as in lm-eval)");
        }
    }

    /** A short description for cache keys and reports: "plain", or the template's name and sha256 with the options. */
    public String describe() {
        if (this.equals(PLAIN)) {
            return "plain";
        }
        return (chatTemplate == null ? "plain" : "chat:" + chatTemplate.name() + ":" + chatTemplate.sha256().substring(0, 12))
                + (systemInstruction == null ? "" : ",system:" + dev.seat.harness.results.Digests.sha256(systemInstruction).substring(0, 12))
                + (fewshotAsMultiturn ? ",multiturn" : "");
    }
}
