package dev.seat.humaneval.store;

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

    /** Rounds in order, oldest first. */
    public List<Round> rounds() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeMap<Integer, Path> found = new TreeMap<>();
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
        List<Round> rounds = new ArrayList<>();
        for (var e : found.entrySet()) {
            rounds.add(new Round(e.getKey(), e.getValue(), Json.read(e.getValue().resolve("round.json")),
                    readLabels(e.getValue().resolve("labels.jsonl"))));
        }
        return rounds;
    }

    /**
     * Annotator → item id → the label of the latest round that labelled it. A row left empty in
     * a later sheet is not a label and never erases an earlier one.
     */
    public Map<String, Map<String, StoredLabel>> latest() {
        Map<String, Map<String, StoredLabel>> out = new TreeMap<>();
        for (Round r : rounds()) {
            for (StoredLabel l : r.labels()) {
                out.computeIfAbsent(l.annotator(), a -> new TreeMap<>()).put(l.itemId(), l);
            }
        }
        return out;
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
                    fill(tmp, number, exportId, files);
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
        List<Round> rounds = rounds();
        return rounds.isEmpty() ? 1 : rounds.get(rounds.size() - 1).number() + 1;
    }

    private static void fill(Path tmp, int number, String exportId, List<Incoming> files) throws IOException {
        Path raw = tmp.resolve("raw");
        Files.createDirectories(raw);
        ObjectNode info = Json.object();
        info.put("round", number);
        info.put("ingested_at", Instant.now().toString());
        info.put("export_id", exportId);
        ArrayNode fileList = info.putArray("files");
        StringBuilder lines = new StringBuilder();
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
            }
        }
        AtomicFiles.writeString(tmp.resolve("labels.jsonl"), lines.toString());
        Json.write(tmp.resolve("round.json"), info);
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
                try {
                    out.add(Json.MAPPER.readValue(line, StoredLabel.class));
                } catch (IOException e) {
                    throw new HumanEvalException(file + " line " + n + ": not a stored label (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
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
