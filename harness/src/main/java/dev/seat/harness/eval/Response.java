package dev.seat.harness.eval;

import dev.seat.harness.model.Generator.FinishReason;

/**
 * One question of a suite's dataset and what the checkpoint answered (greedy decoding).
 *
 * @param index 0-based position among the questions asked
 * @param id the dataset row id
 * @param question the user message (before the chat template)
 * @param response the generated answer, as decoded
 * @param reference the dataset's answer, or null for prompt-only sets
 * @param finish why generation stopped; {@code LENGTH} means cut off at {@code maxNewTokens}
 */
public record Response(int index, String id, String question, String response, String reference, FinishReason finish) {}
