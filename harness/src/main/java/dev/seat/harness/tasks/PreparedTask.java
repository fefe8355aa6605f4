package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A task's documents and prompts, ready to send to a model.
 *
 * @param definition the task
 * @param numFewshot examples per prompt
 * @param fewshotSource the few-shot pool's file, {@code "eval split"} when drawn from the
 *     evaluated documents, or {@code "none"}
 * @param originalSize documents in the data before the limit
 * @param docs the evaluated documents (after the limit)
 * @param contexts the prompt of each document
 */
public record PreparedTask(
        TaskDefinition definition,
        int numFewshot,
        String fewshotSource,
        int originalSize,
        List<ObjectNode> docs,
        List<String> contexts) {}
