package dev.seat.harness.metrics;

import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The sentence embeddings of one embedder on disk: the folder {@code <root>/<digest of the
 * embedder id>/} holds {@code *.emb} files, each written whole by one JVM under a name of its own
 * and renamed into place, so JVMs writing at once never touch each other's files. Opening reads
 * every file; a file that is torn or not an embedding file is removed with a warning, one of
 * another format version or embedder is skipped with a warning (their texts are embedded again). New embeddings go to a new file at {@link #flush()};
 * when the folder holds more than {@value #MAX_FILES} files, the flushing JVM writes everything it
 * knows into one file and deletes the files it read.
 *
 * <p>File layout (big-endian): int magic {@code SEMB}, int format, int id length, the embedder id
 * (UTF-8), int dimension, int count, then per embedding the 32-byte SHA-256 of the text and
 * {@code dimension} floats (their exact bits). The file's size must match the header exactly.
 */
final class EmbeddingStore {
    private static final int MAGIC = 0x53454d42; // "SEMB"
    private static final int FORMAT = 1;
    static final int MAX_FILES = 16;
    static final String SUFFIX = ".emb";

    private final Path dir;
    private final String embedderId;
    private final Consumer<String> warnings;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final Map<String, float[]> added = new LinkedHashMap<>();
    private final List<Path> read = new ArrayList<>();
    private int dimension = -1;

    private EmbeddingStore(Path dir, String embedderId, Consumer<String> warnings) {
        this.dir = dir;
        this.embedderId = embedderId;
        this.warnings = warnings;
    }

    /** The folder of an embedder's files under {@code root}. */
    static Path folder(Path root, String embedderId) {
        return root.resolve(Digests.sha256(embedderId).substring(0, 16));
    }

    /** Reads every embedding file of the embedder under {@code root} (none yet is fine). */
    static EmbeddingStore open(Path root, String embedderId, Consumer<String> warnings) {
        EmbeddingStore store = new EmbeddingStore(folder(root, embedderId), embedderId, warnings);
        store.readAll();
        return store;
    }

    /** The key of a text: the SHA-256 of its UTF-8 bytes. */
    static String key(String text) {
        return Digests.sha256(text);
    }

    /** Embedding length of the stored vectors; -1 while none is stored. */
    int dimension() {
        return dimension;
    }

    int size() {
        return vectors.size();
    }

    Optional<float[]> get(String key) {
        return Optional.ofNullable(vectors.get(key));
    }

    /** Stores a new embedding (written at the next {@link #flush()}). */
    void put(String key, float[] vector) {
        if (dimension >= 0 && vector.length != dimension) {
            throw new IllegalArgumentException("Embedder " + embedderId + " gave a vector of length " + vector.length
                    + ", but the cached ones have length " + dimension);
        }
        dimension = vector.length;
        if (vectors.putIfAbsent(key, vector) == null) {
            added.put(key, vector);
        }
    }

    /**
     * Writes the embeddings added since the last flush to a new file (or, past {@value #MAX_FILES}
     * files, everything into one file, deleting the files read). A failure is a warning: the
     * embeddings are computed again next time.
     */
    void flush() {
        if (added.isEmpty()) {
            return;
        }
        boolean compact = read.size() + 1 > MAX_FILES;
        Map<String, float[]> toWrite = compact ? vectors : added;
        Path file = dir.resolve(UUID.randomUUID() + SUFFIX);
        try {
            AtomicFiles.write(file, out -> out.write(encode(toWrite)));
        } catch (RuntimeException e) {
            warnings.accept("seat: could not write the embedding cache " + file + " (" + e.getMessage()
                    + "); these embeddings will be computed again");
            return;
        }
        added.clear();
        if (compact) {
            for (Path p : read) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    warnings.accept("seat: could not remove merged embedding cache file " + p + ": " + e.getMessage());
                }
            }
            read.clear();
        }
        read.add(file);
    }

    private byte[] encode(Map<String, float[]> entries) {
        byte[] id = embedderId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(headerBytes(id.length) + entries.size() * entryBytes(dimension));
        buf.putInt(MAGIC).putInt(FORMAT).putInt(id.length).put(id).putInt(dimension).putInt(entries.size());
        entries.forEach((key, vector) -> {
            buf.put(HexFormat.of().parseHex(key));
            for (float x : vector) {
                buf.putFloat(x);
            }
        });
        return buf.array();
    }

    private static int headerBytes(int idBytes) {
        return 4 * 3 + idBytes + 4 * 2;
    }

    private static int entryBytes(int dimension) {
        return 32 + 4 * dimension;
    }

    private void readAll() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            warnings.accept("seat: could not list the embedding cache " + dir + " (" + e.getMessage()
                    + "); embedding without it");
            return;
        }
        for (Path file : files) {
            try {
                readFile(file, Files.readAllBytes(file));
                read.add(file);
            } catch (NoSuchFileException e) {
                // merged and removed by another JVM since the listing: its entries are in the merged file
            } catch (IOException e) {
                warnings.accept("seat: skipping embedding cache file " + file + ": " + e.getMessage());
            } catch (Skip e) {
                warnings.accept("seat: " + (e.damaged ? "removing" : "skipping") + " embedding cache file " + file + ": "
                        + e.getMessage() + "; its texts will be embedded again");
                if (e.damaged) {
                    deleteQuietly(file);
                }
            }
        }
    }

    /** Why a file is skipped; {@code damaged}: torn or not an embedding file at all (removed). */
    private static final class Skip extends Exception {
        final boolean damaged;

        Skip(String message, boolean damaged) {
            super(message, null, false, false);
            this.damaged = damaged;
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warnings.accept("seat: could not remove " + file + ": " + e.getMessage());
        }
    }

    private void readFile(Path file, byte[] bytes) throws Skip {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < headerBytes(0) || buf.getInt() != MAGIC) {
            throw new Skip("not a seat embedding file (" + bytes.length + " bytes, no SEMB header)", true);
        }
        int format = buf.getInt();
        if (format != FORMAT) {
            throw new Skip("format " + format + ", expected " + FORMAT, false);
        }
        int idLength = buf.getInt();
        if (idLength < 0 || idLength > buf.remaining() - 8) {
            throw new Skip("torn header (embedder id of " + idLength + " bytes in a file of " + bytes.length + ")", true);
        }
        byte[] id = new byte[idLength];
        buf.get(id);
        String fileId = new String(id, StandardCharsets.UTF_8);
        if (!fileId.equals(embedderId)) {
            throw new Skip("written by embedder '" + fileId + "', expected '" + embedderId + "'", false);
        }
        int dim = buf.getInt();
        int count = buf.getInt();
        long expected = (long) headerBytes(idLength) + (long) count * entryBytes(Math.max(dim, 0));
        if (dim <= 0 || count < 0 || expected != bytes.length) {
            throw new Skip("torn: the header promises " + count + " embeddings of length " + dim + " (" + expected
                    + " bytes), the file has " + bytes.length + " bytes", true);
        }
        if (dimension >= 0 && dim != dimension) {
            throw new Skip("embeddings of length " + dim + ", other files have length " + dimension, false);
        }
        dimension = dim;
        byte[] hash = new byte[32];
        for (int i = 0; i < count; i++) {
            buf.get(hash);
            float[] v = new float[dim];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * dim);
            vectors.putIfAbsent(HexFormat.of().formatHex(hash), v);
        }
    }
}
