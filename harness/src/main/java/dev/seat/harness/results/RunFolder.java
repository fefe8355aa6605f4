package dev.seat.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run of the gate: {@code results/<checkpoint-name>/<run-id>/} with
 * <ul>
 *   <li>{@code manifest.json}: checkpoint path, name and fingerprint, seat version, config,
 *       decoding settings, prompt-format hash, dataset hashes, timings;</li>
 *   <li>{@code responses-<dataset>.jsonl}: one {@link ResponseRecord} per line;</li>
 *   <li>{@code baseline-responses-<dataset>.jsonl}: the baseline's answers, when compared with one;</li>
 *   <li>{@code metrics.json}: {@code {"<dataset>": {"idk_sm": .., "idk_sm_stderr": .., "n": ..}}};</li>
 *   <li>{@code checks.json}: each check's outcome, thresholds and measured values;
 *       {@code separation.json}: Figure 1; {@code report.html}: all of it as one page.</li>
 * </ul>
 * Every file is written atomically.
 */
public final class RunFolder {
    private static final String PREFIX = "responses-";
    private static final String SUFFIX = ".jsonl";
    private static final ObjectReader RECORD_READER = Json.MAPPER.readerFor(ResponseRecord.class);

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** Opens an existing run folder. */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Not a run folder (no such directory): " + dir);
        }
        return new RunFolder(dir);
    }

    /** Creates the folder if needed. */
    public static RunFolder create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create run folder " + dir, e);
        }
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path manifestFile() {
        return dir.resolve("manifest.json");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.json");
    }

    public Path responsesFile(String dataset) {
        return dir.resolve(PREFIX + dataset + SUFFIX);
    }

    /** The baseline's answers to a dataset's questions, when the run compared with one. */
    public Path baselineResponsesFile(String dataset) {
        return dir.resolve("baseline-" + PREFIX + dataset + SUFFIX);
    }

    public ObjectNode manifest() {
        return Json.exists(manifestFile()) ? (ObjectNode) Json.read(manifestFile()) : Json.object();
    }

    public void writeManifest(JsonNode manifest) {
        Json.write(manifestFile(), manifest);
    }

    public ObjectNode metrics() {
        return Json.exists(metricsFile()) ? (ObjectNode) Json.read(metricsFile()) : Json.object();
    }

    /** Replaces or adds the given keys of one dataset's metrics, keeping everything else. */
    public synchronized void updateMetrics(String dataset, JsonNode values) {
        ObjectNode all = metrics();
        ObjectNode forDataset = all.has(dataset) ? (ObjectNode) all.get(dataset) : all.putObject(dataset);
        forDataset.setAll((ObjectNode) values);
        Json.write(metricsFile(), all);
    }

    /** Dataset names that have a responses file, sorted. */
    public List<String> datasets() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(SUFFIX))
                    .map(n -> n.substring(PREFIX.length(), n.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
    }

    public List<ResponseRecord> readResponses(String dataset) {
        return readResponses(responsesFile(dataset));
    }

    /** Reads a responses JSONL file; a malformed line is reported with file and line number. */
    public static List<ResponseRecord> readResponses(Path file) {
        List<ResponseRecord> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(RECORD_READER.readValue(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + ": not a response record (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return out;
    }

    public void writeResponses(String dataset, List<ResponseRecord> records) {
        writeRecords(responsesFile(dataset), records);
    }

    public void writeBaselineResponses(String dataset, List<ResponseRecord> records) {
        writeRecords(baselineResponsesFile(dataset), records);
    }

    private static void writeRecords(Path file, List<ResponseRecord> records) {
        AtomicFiles.write(file, out -> {
            for (ResponseRecord r : records) {
                out.write(Json.compact(r).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }
}
