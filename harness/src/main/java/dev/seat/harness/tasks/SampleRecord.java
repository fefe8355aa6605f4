package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.LanguageModel.LoglikResult;
import java.util.List;
import java.util.Map;

/**
 * What one document of a task produced under one filter: the line of lm-eval's
 * {@code samples_<task>_<date>.jsonl}.
 *
 * @param docId index of the document in the evaluated data
 * @param doc the document (Hugging Face layout)
 * @param target the raw target (choice index, reference text or list of references)
 * @param filter the filter name ({@code "none"} for multiple choice)
 * @param context the prompt
 * @param continuations multiple choice: the scored continuations (delimiter + choice); else empty
 * @param logliks multiple choice: the model's results for the continuations; else empty
 * @param generation generation tasks: the raw generation; else {@code null}
 * @param filtered generation tasks: the generation after the filter; else {@code null}
 * @param metrics metric name → value for this document
 */
public record SampleRecord(
        int docId,
        ObjectNode doc,
        JsonNode target,
        String filter,
        String context,
        List<String> continuations,
        List<LoglikResult> logliks,
        String generation,
        String filtered,
        Map<String, Double> metrics) {}
