package dev.seat.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Writes one run of the gate into {@code <results>/<checkpoint-name>/<run-id>/} (a
 * {@link RunFolder}): the manifest as it grows (every change rewritten atomically), each
 * dataset's responses with their per-item metric values, and the aggregates in
 * {@code metrics.json}. Thread-safe.
 *
 * <p>The manifest starts with {@code seat_version}, {@code run_id} and {@code started}; the
 * engine adds the checkpoint, configuration, decoding settings, datasets (with hashes, prompt
 * format hash, cache use) and timings.
 */
public final class RunWriter {
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final RunFolder folder;
    private final ObjectNode manifest;

    private RunWriter(RunFolder folder, ObjectNode manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /**
     * Creates the run folder {@code <resultsRoot>/<checkpointName>/<runId>} (a suffix is added if
     * that id is taken) and writes the initial manifest.
     *
     * @param runId null for a UTC timestamp id such as {@code 20250301-142233-071}
     */
    public static RunWriter create(Path resultsRoot, String checkpointName, String runId) {
        Instant now = Instant.now();
        String base = runId != null ? runId : RUN_ID.format(now);
        Path parent = resultsRoot.resolve(checkpointName);
        Path dir = parent.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(base + "-" + i);
        }
        RunFolder folder = RunFolder.create(dir);
        ObjectNode manifest = Json.object();
        manifest.put("seat_version", seatVersion());
        manifest.put("run_id", dir.getFileName().toString());
        manifest.put("started", now.toString());
        RunWriter writer = new RunWriter(folder, manifest);
        folder.writeManifest(manifest);
        return writer;
    }

    public RunFolder folder() {
        return folder;
    }

    /** Changes the manifest and rewrites it atomically. */
    public synchronized void updateManifest(Consumer<ObjectNode> change) {
        change.accept(manifest);
        folder.writeManifest(manifest);
    }

    /** A copy of the manifest as written so far. */
    public synchronized ObjectNode manifest() {
        return manifest.deepCopy();
    }

    /**
     * Writes {@code responses-<dataset>.jsonl} (replacing an earlier version of this run) and
     * merges the aggregates ({@code idk_sm}, {@code idk_sm_stderr}, {@code n}, ...) into the
     * dataset's entry of {@code metrics.json}.
     */
    public synchronized void recordDataset(String dataset, List<ResponseRecord> records, JsonNode aggregates) {
        folder.writeResponses(dataset, records);
        folder.updateMetrics(dataset, aggregates);
    }

    /** Records the end time and total duration in the manifest. */
    public synchronized void finish(long totalMillis) {
        manifest.put("finished", Instant.now().toString());
        ObjectNode timings = manifest.has("timings") ? (ObjectNode) manifest.get("timings") : manifest.putObject("timings");
        timings.put("total_ms", totalMillis);
        folder.writeManifest(manifest);
    }

    /**
     * The harness version: the Maven {@code pom.properties} packaged in the harness jar, else the
     * jar manifest's implementation version, else {@code dev} (classes run from a build folder).
     */
    public static String seatVersion() {
        try (InputStream in = RunWriter.class.getResourceAsStream("/META-INF/maven/dev.seat/harness/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through to the manifest version
        }
        String v = RunWriter.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
