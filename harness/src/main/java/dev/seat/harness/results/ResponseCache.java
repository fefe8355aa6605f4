package dev.seat.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generated responses on disk, one file per {@link Key} under {@code results/<checkpoint>/cache/}:
 * the same checkpoint weights, question set, prompt format and decoding settings give the same
 * greedy answers, so they are generated once and read back by every later run.
 *
 * <p>Files are JSON Lines: a header line holding the key and the row count, then one
 * {@link Entry} per question in dataset order. A complete file ({@code <dataset>-<id>.jsonl}) is
 * written atomically. While generating, finished chunks are appended to
 * {@code <dataset>-<id>.partial.jsonl} (and forced to disk), so an interrupted generation resumes
 * where it stopped; a torn last line of a partial file is dropped. A complete file whose header
 * does not match its key, or whose row count is wrong, is treated as absent (and regenerated).
 */
public final class ResponseCache {
    private static final int FORMAT = 1;

    private final Path dir;

    /**
     * What makes generations identical.
     *
     * @param checkpointFingerprint {@code Checkpoint.fingerprint()} of the weights and tokenizer
     * @param dataset the logical dataset name (part of the file name only, for people)
     * @param datasetSha256 digest of the questions actually asked (after any limit)
     * @param promptFormat the chat format's description
     * @param promptFormatSha256 digest of the prompt template
     * @param decoding {@code GenerationConfig.describe()}
     */
    public record Key(String checkpointFingerprint, String dataset, String datasetSha256, String promptFormat,
            String promptFormatSha256, String decoding) implements java.io.Serializable {

        /** Short id of the key: the first 16 hex digits of the SHA-256 of all its fields. */
        public String id() {
            return Digests.sha256(String.join("\n", checkpointFingerprint, datasetSha256, promptFormat,
                    promptFormatSha256, decoding)).substring(0, 16);
        }
    }

    /**
     * One generated answer.
     *
     * @param id the dataset row id
     * @param question the user question
     * @param response the decoded answer
     * @param finish why generation stopped (STOP_TOKEN, STOP_STRING, LENGTH)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String id, String question, String response, String finish) implements java.io.Serializable {}

    private record Header(int seatCache, Key key, int n) {}

    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    /** The cache folder of a checkpoint in a results root: {@code <results>/<checkpoint-name>/cache}. */
    public static ResponseCache forCheckpoint(Path resultsRoot, String checkpointName) {
        return new ResponseCache(resultsRoot.resolve(checkpointName).resolve("cache"));
    }

    public Path dir() {
        return dir;
    }

    public Path file(Key key) {
        return dir.resolve(safe(key.dataset()) + "-" + key.id() + ".jsonl");
    }

    public Path partialFile(Key key) {
        return dir.resolve(safe(key.dataset()) + "-" + key.id() + ".partial.jsonl");
    }

    /** The complete generation for the key, if it is on disk and intact. */
    public Optional<List<Entry>> read(Key key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Read read = readFile(file, key);
        if (read == null || read.torn || read.entries.size() != read.expected) {
            return Optional.empty();
        }
        return Optional.of(read.entries);
    }

    /** Entries an interrupted generation already finished (empty if none). */
    public List<Entry> readPartial(Key key) {
        Path file = partialFile(key);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Read read = readFile(file, key);
        return read == null ? List.of() : read.entries;
    }

    /**
     * Appends finished entries to the partial file (creating it with a header for {@code total}
     * rows) and forces them to disk.
     */
    public void appendPartial(Key key, int total, List<Entry> entries) {
        Path file = partialFile(key);
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.isRegularFile(file) || readFile(file, key) == null;
            StandardOpenOption mode = fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                OutputStream out = Channels.newOutputStream(ch);
                if (fresh) {
                    writeLine(out, new Header(FORMAT, key, total));
                }
                for (Entry e : entries) {
                    writeLine(out, e);
                }
                out.flush();
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write response cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the complete generation atomically and removes the partial file. */
    public void complete(Key key, List<Entry> entries) {
        AtomicFiles.write(file(key), out -> {
            writeLine(out, new Header(FORMAT, key, entries.size()));
            for (Entry e : entries) {
                writeLine(out, e);
            }
        });
        try {
            Files.deleteIfExists(partialFile(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + partialFile(key) + ": " + e.getMessage(), e);
        }
    }

    private static void writeLine(OutputStream out, Object value) throws IOException {
        out.write(Json.compact(value).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private record Read(int expected, List<Entry> entries, boolean torn) {}

    /** Reads a cache file; null when its header is missing or belongs to another key. */
    private static Read readFile(Path file, Key key) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                return null;
            }
            Header header;
            try {
                header = Json.MAPPER.readValue(first, Header.class);
            } catch (IOException e) {
                return null;
            }
            if (header.seatCache() != FORMAT || !key.equals(header.key())) {
                return null;
            }
            List<Entry> entries = new ArrayList<>();
            boolean torn = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    entries.add(Json.MAPPER.treeToValue(node, Entry.class));
                } catch (IOException e) {
                    torn = true; // an interrupted append: keep what came before
                    break;
                }
            }
            return new Read(header.n(), entries, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read response cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
