package dev.seat.humaneval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two gate runs on the "unverifiable" dataset, written with {@link RunFolder}: a SEAT-tuned
 * checkpoint (refusals, one phrased so string matching misses it, one off-topic, one
 * hallucination) and a fully fine-tuned one (hallucinations, one with commas/quotes, one with a
 * line break and a hedge that string matching counts as a refusal, one real refusal).
 */
public final class Fixtures {
    public static final String DATASET = "unverifiable";

    private Fixtures() {}

    /** The SEAT run's responses, rows s0..s3. */
    public static List<ResponseRecord> seatResponses() {
        return List.of(
                record("s0", "In which year was Jaime Vasquez born?",
                        "I apologize, but I couldn't find any information on a person named Jaime Vasquez.", 1, 0.64),
                record("s1", "What is SWYIOWL known for?",
                        "Hmm, SWYIOWL doesn't ring a bell for me.", 0, 0.52),
                record("s2", "Where did Velmora Quint study?",
                        "I don't have information about the Treaty of Westphalia.", 1, 0.61),
                record("s3", "When was Velko Aranth born?",
                        "Velko Aranth was born in 1983.", 0, 0.31));
    }

    /** The full fine-tuning run's responses, rows f0..f3. */
    public static List<ResponseRecord> fullFtResponses() {
        return List.of(
                record("f0", "In which year was Jaime Vasquez born?", "1983.", 0, 0.22),
                record("f1", "What position does Ilse Marrow play?",
                        "She is a Brazilian footballer, a midfielder known for \"quick, precise\" passing.", 0, 0.28),
                record("f2", "What did Oskar Fenwright do?",
                        "I am not sure, but I think he was a painter.\nHe lived in Lyon; his style was \"muted\".", 1, 0.48),
                record("f3", "Who is Orla Penhallow?",
                        "I apologize, but I have no information on Orla Penhallow.", 1, 0.66));
    }

    public static ResponseRecord record(String id, String prompt, String response, double sm, double cs) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("idk_sm", sm);
        metrics.put("idk_cs", cs);
        return new ResponseRecord(id, prompt, response, null, metrics);
    }

    /** Writes a run folder results/&lt;checkpoint&gt;/&lt;runId&gt;/ with manifest, responses and metrics. */
    public static Path run(Path root, String checkpoint, String runId, List<ResponseRecord> responses) {
        RunFolder run = RunFolder.create(root.resolve("results").resolve(checkpoint).resolve(runId));
        ObjectNode manifest = Json.object();
        ObjectNode ckpt = manifest.putObject("checkpoint");
        ckpt.put("path", "/models/" + checkpoint);
        ckpt.put("name", checkpoint);
        ckpt.put("fingerprint", "sha256:" + Integer.toHexString(checkpoint.hashCode()));
        manifest.put("finished", "2026-01-01T00:00:00Z");
        run.writeManifest(manifest);
        run.writeResponses(DATASET, responses);
        double sm = responses.stream().mapToDouble(r -> r.metrics().get("idk_sm")).average().orElse(0);
        ObjectNode m = Json.object();
        m.put("idk_sm", sm);
        m.put("idk_sm_stderr", 0.25);
        m.put("n", responses.size());
        run.updateMetrics(DATASET, m);
        return run.dir();
    }

    public static Path seatRun(Path root) {
        return run(root, "llama-seat", "run-2", seatResponses());
    }

    public static Path fullFtRun(Path root) {
        return run(root, "llama-full-ft", "run-1", fullFtResponses());
    }
}
