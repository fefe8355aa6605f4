package dev.seat.humaneval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.ingest.LabelRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Append-only label storage of one export, in {@code labels/} next to its key file.
 *
 * <p>Every ingest that stores anything adds a round folder {@code round-NNNN}; an existing round
 * is never changed. A round is filled under a temporary name and renamed into place, so a crash
 * leaves either the whole round or nothing. The labels that count are, per annotator and item,
 * those of the latest round that has a label for them ({@link #latest()}); older rounds stay as
 * history, together with the raw files they came from.
 */
public final class LabelStore {
    private static final Pattern ROUND = Pattern.compile("round-(\\d{4,})");

    private final Path dir;

    private LabelStore(Path dir) {
        this.dir = dir;
    }

    public static LabelStore forKey(Path keyFile) {
        Path parent = keyFile.toAbsolutePath().normalize().getParent();
        return new LabelStore(parent.resolve("labels"));
    }

    public Path dir() {
        return dir;
    }

    /** A file to store: the raw file, its format, and its validated labels. */
    public record Incoming(Path source, String format, Collection<String> annotators, List<LabelRow> labels) {}

    /**
     * What the store holds: the rounds it can read, oldest first, and one message per round folder
     * it cannot read (named, with the reason). An unreadable round is left out of
     * {@link #latest()}, never guessed at, and does not stop later rounds from being added.
     */
    public record Contents(List<Round> rounds, List<String> unreadable) {
        /** See {@link LabelStore#latest()}. */
        public Map<String, Map<String, StoredLabel>> latest() {
            Map<String, Map<String, StoredLabel>> out = new TreeMap<>();
            for (Round r : rounds) {
                for (StoredLabel l : r.labels()) {
                    out.computeIfAbsent(l.annotator(), a -> new TreeMap<>()).put(l.itemId(), l);
                }
            }
            return out;
        }
    }

    /** Reads every round folder. */
    public Contents read() {
        List<Round> rounds = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (var e : roundFolders().entrySet()) {
            try {
                rounds.add(readRound(e.getKey(), e.getValue()));
            } catch (HumanEvalException | UncheckedIOException bad) {
                unreadable.add("round " + e.getKey() + " (" + e.getValue() + ") cannot be read and is left out: "
                        + bad.getMessage());
            }
        }
        return new Contents(rounds, unreadable);
    }

    /** Readable rounds in order, oldest first. */
    public List<Round> rounds() {
        return read().rounds();
    }

    /**
     * Annotator → item id → the label of the latest round that labelled it. A row left empty in
     * a later sheet is not a label and never erases an earlier one.
     */
    public Map<String, Map<String, StoredLabel>> latest() {
        return read().latest();
    }

    /** Round folders by number, whether readable or not. */
    private TreeMap<Integer, Path> roundFolders() {
        TreeMap<Integer, Path> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = ROUND.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    found.put(Integer.parseInt(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return found;
    }

    private static Round readRound(int number, Path folder) {
        Path info = folder.resolve("round.json");
        if (!Files.isRegularFile(info)) {
            throw new HumanEvalException(info + " is missing");
        }
        JsonNode json;
        try {
            json = Json.LARGE_VALUES.readTree(info.toFile());
        } catch (IOException e) {
            throw new HumanEvalException(info + ": not valid JSON (" + e.getMessage() + ")");
        }
        return new Round(number, folder, json, readLabels(folder.resolve("labels.jsonl")));
    }

    /** Stores the files as a new round and returns its number. */
    public int appendRound(String exportId, List<Incoming> files) {
        try {
            Files.createDirectories(dir);
            for (int attempt = 0; attempt < 100; attempt++) {
                int number = nextNumber();
                Path target = dir.resolve(String.format("round-%04d", number));
                Path tmp = dir.resolve(".round-" + number + "-" + System.nanoTime() + ".tmp");
                try {
                    List<StoredLabel> written = fill(tmp, number, exportId, files);
                    checkReadsBack(tmp, number, written);
                    Files.move(tmp, target);
                    return number;
                } catch (FileAlreadyExistsException e) {
                    // another ingest took this number meanwhile: try the next one
                } finally {
                    AtomicFiles.deleteRecursively(tmp);
                }
            }
            throw new HumanEvalException("Could not add a round to " + dir + " (round numbers kept being taken)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store labels in " + dir + ": " + e.getMessage(), e);
        }
    }

    private int nextNumber() {
        TreeMap<Integer, Path> folders = roundFolders();
        return folders.isEmpty() ? 1 : folders.lastKey() + 1;
    }

    /** A round the store could not read back exactly as meant is never moved into place. */
    private static void checkReadsBack(Path tmp, int number, List<StoredLabel> written) {
        List<StoredLabel> read;
        try {
            read = readRound(number, tmp).labels();
        } catch (HumanEvalException | UncheckedIOException e) {
            throw new HumanEvalException("Nothing stored: the new round could not be read back (" + e.getMessage() + ")");
        }
        for (int i = 0; i < written.size(); i++) {
            StoredLabel w = written.get(i);
            if (i >= read.size() || !w.equals(read.get(i))) {
                throw new HumanEvalException("Nothing stored: the label of annotator " + w.annotator() + " for item "
                        + w.itemId() + " (" + w.location() + " of " + w.file() + ") would not read back as given"
                        + " (a comment with characters that are not valid Unicode text?)");
            }
        }
        if (read.size() != written.size()) {
            throw new HumanEvalException("Nothing stored: the new round reads back " + read.size() + " labels, not "
                    + written.size());
        }
    }

    /** Writes the round into {@code tmp} and returns the labels as written. */
    private static List<StoredLabel> fill(Path tmp, int number, String exportId, List<Incoming> files) throws IOException {
        Path raw = tmp.resolve("raw");
        Files.createDirectories(raw);
        ObjectNode info = Json.object();
        info.put("round", number);
        info.put("ingested_at", Instant.now().toString());
        info.put("export_id", exportId);
        ArrayNode fileList = info.putArray("files");
        StringBuilder lines = new StringBuilder();
        List<StoredLabel> written = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Incoming f = files.get(i);
            String archived = String.format("%02d-%s", i + 1, f.source().getFileName());
            byte[] bytes = Files.readAllBytes(f.source());
            Files.write(raw.resolve(archived), bytes);
            ObjectNode entry = fileList.addObject();
            entry.put("source", f.source().toAbsolutePath().normalize().toString());
            entry.put("archived", "raw/" + archived);
            entry.put("sha256", sha256(bytes));
            entry.put("format", f.format());
            f.annotators().forEach(entry.putArray("annotators")::add);
            entry.put("labels", f.labels().size());
            for (LabelRow l : f.labels()) {
                StoredLabel s = new StoredLabel(number, l.annotator(), l.itemId(), l.refusal(), l.entailment(),
                        l.comment(), "raw/" + archived, l.location());
                lines.append(Json.compact(s)).append('\n');
                written.add(s);
            }
        }
        AtomicFiles.writeString(tmp.resolve("labels.jsonl"), lines.toString());
        Json.write(tmp.resolve("round.json"), info);
        return written;
    }

    private static List<StoredLabel> readLabels(Path file) {
        List<StoredLabel> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                StoredLabel label;
                try {
                    label = Json.LARGE_VALUES.readValue(line, StoredLabel.class);
                } catch (JsonProcessingException e) {
                    throw new HumanEvalException(file + " line " + n + ": not a stored label (" + e.getOriginalMessage() + ")");
                }
                if (label == null || label.annotator() == null || label.itemId() == null) {
                    throw new HumanEvalException(file + " line " + n + ": not a stored label (no annotator or item_id)");
                }
                out.add(label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
