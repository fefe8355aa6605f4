package dev.seat.harness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the human labels of a checkpoint's answers to a dataset among the run folders under a
 * results root ({@code <results>/<checkpoint-name>/<run-id>/}, see
 * {@link dev.seat.harness.results.RunFolder}).
 *
 * <p>A run folder counts when its {@code manifest.json} has {@code checkpoint.fingerprint} equal
 * to the checkpoint's (the folder name does not matter: a renamed or copied checkpoint keeps its
 * labels) and its {@code metrics.json} has a numeric {@code idk_ha} for the dataset. Of those,
 * the most recent wins: latest manifest {@code started}, else latest folder modification time.
 * Folders with unreadable JSON are passed over, so one broken run does not hide the others.
 */
final class HumanLabelsFinder {
    private final Path resultsRoot;

    HumanLabelsFinder(Path resultsRoot) {
        this.resultsRoot = resultsRoot;
    }

    /**
     * What a search found.
     *
     * @param labels the labels of the most recent labelled run, if any
     * @param runsOfCheckpoint run folders with the checkpoint's fingerprint, labelled or not
     */
    record Search(Optional<HumanLabels> labels, int runsOfCheckpoint) {}

    Search find(String fingerprint, String dataset) {
        List<Candidate> runs = runsOf(fingerprint);
        Optional<HumanLabels> labels = runs.stream()
                .sorted(Comparator.comparing(Candidate::started).reversed())
                .map(c -> HumanLabels.read(c.dir(), dataset))
                .flatMap(Optional::stream)
                .findFirst();
        return new Search(labels, runs.size());
    }

    /** Why there are no labels, where the search looked and how to produce them. */
    String absentReason(String fingerprint, String checkpointName, String dataset, int runsOfCheckpoint, Path thisRun) {
        return "no human labels for dataset '" + dataset + "' of checkpoint " + checkpointName + " (fingerprint "
                + fingerprint + "): none of the " + runsOfCheckpoint + " run folder(s) with this fingerprint under "
                + resultsRoot + " has '" + HumanLabels.IDK_HA + "' for '" + dataset + "' in its metrics.json. "
                + "To produce labels: ./seat sheets export --runs " + thisRun + " --annotators N --out EXPORT"
                + ", have the sheets filled in, then ./seat sheets ingest --key EXPORT/private/key.json FILE... "
                + "and ./seat sheets report --key EXPORT/private/key.json";
    }

    private record Candidate(Path dir, Instant started) {}

    private List<Candidate> runsOf(String fingerprint) {
        List<Candidate> out = new ArrayList<>();
        if (!Files.isDirectory(resultsRoot)) {
            return out;
        }
        for (Path checkpointDir : list(resultsRoot)) {
            for (Path run : list(checkpointDir)) {
                readJson(run.resolve("manifest.json"))
                        .filter(m -> fingerprint.equals(m.at("/checkpoint/fingerprint").asText(null)))
                        .ifPresent(m -> out.add(new Candidate(run, started(run, m))));
            }
        }
        return out;
    }

    private static Instant started(Path run, JsonNode manifest) {
        try {
            return Instant.parse(manifest.path("started").asText(""));
        } catch (DateTimeParseException e) {
            try {
                return Files.getLastModifiedTime(run).toInstant();
            } catch (IOException io) {
                return Instant.EPOCH;
            }
        }
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file));
        } catch (RuntimeException e) { // a torn or hand-edited file: not a usable run
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir + " while looking for human labels", e);
        }
    }
}
