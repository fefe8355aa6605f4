package dev.seat.harness.metrics;

import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The sentence embeddings of one embedder on disk: the folder {@code <root>/<digest of the
 * embedder id>/} holds {@code *.emb} files, each written whole by one JVM under a name of its own
 * and renamed into place, so JVMs writing at once never touch each other's files. Opening reads
 * the text digests of every file (a vector is read when asked for, so a large cache opens as fast
 * as a small one); a file that is torn or not an embedding file is removed with a warning, one of
 * another format version or embedder is skipped with a warning (their texts are embedded again).
 * New embeddings go to a new file at {@link #flush()}; when the folder holds {@value #MAX_FILES}
 * files or more, the flushing JVM writes everything it knows into one file and deletes the files
 * it read. Files stay open until {@link #close()}, so a file merged away meanwhile is still read.
 *
 * <p>File layout (big-endian): int magic {@code SEMB}, int format, int id length, the embedder id
 * (UTF-8), int dimension, int count, the count 32-byte SHA-256 digests of the texts, then count
 * times {@code dimension} floats (their exact bits) in the same order. The file's size must match
 * the header exactly.
 */
final class EmbeddingStore implements AutoCloseable {
    private static final int MAGIC = 0x53454d42; // "SEMB"
    private static final int FORMAT = 2;
    static final int MAX_FILES = 16;
    static final String SUFFIX = ".emb";

    /** Where a stored vector is: its file and the offset of its floats. */
    private record Location(Path file, FileChannel channel, long offset) {}

    private final Path dir;
    private final String embedderId;
    private final Consumer<String> warnings;
    private final Map<String, Location> onDisk = new HashMap<>();
    /** Vectors computed in this JVM, and the keys of those not written yet. */
    private final Map<String, float[]> computed = new LinkedHashMap<>();
    private final Set<String> unwritten = new LinkedHashSet<>();
    private final List<Path> read = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
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

    /** Indexes every embedding file of the embedder under {@code root} (none yet is fine). */
    static EmbeddingStore open(Path root, String embedderId, Consumer<String> warnings) {
        EmbeddingStore store = new EmbeddingStore(folder(root, embedderId), embedderId, warnings);
        store.indexAll();
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

    /** The stored vector of a text key; empty when not stored (or its file can no longer be read: a warning). */
    Optional<float[]> get(String key) {
        float[] fresh = computed.get(key);
        if (fresh != null) {
            return Optional.of(fresh);
        }
        Location at = onDisk.get(key);
        if (at == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(readVector(at));
        } catch (IOException e) {
            warnings.accept("seat: could not read embedding cache file " + at.file() + " (" + e.getMessage()
                    + "); embedding again");
            onDisk.remove(key);
            return Optional.empty();
        }
    }

    /** Stores a new embedding (written at the next {@link #flush()}). */
    void put(String key, float[] vector) {
        if (dimension >= 0 && vector.length != dimension) {
            throw new IllegalArgumentException("Embedder " + embedderId + " gave a vector of length " + vector.length
                    + ", but the cached ones have length " + dimension);
        }
        dimension = vector.length;
        if (!onDisk.containsKey(key) && computed.putIfAbsent(key, vector) == null) {
            unwritten.add(key);
        }
    }

    /**
     * Writes the embeddings added since the last flush to a new file (or, with {@value #MAX_FILES}
     * files or more, everything into one file, deleting the files read). A failure is a warning:
     * the embeddings are computed again next time.
     */
    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        boolean compact = read.size() >= MAX_FILES;
        Path file = dir.resolve(UUID.randomUUID() + SUFFIX);
        try {
            Map<String, float[]> toWrite = new LinkedHashMap<>();
            if (compact) {
                toWrite.putAll(stored());
                toWrite.putAll(computed);
            } else {
                unwritten.forEach(k -> toWrite.put(k, computed.get(k)));
            }
            AtomicFiles.write(file, out -> out.write(encode(toWrite)));
        } catch (RuntimeException e) {
            warnings.accept("seat: could not write the embedding cache " + file + " (" + e.getMessage()
                    + "); these embeddings will be computed again");
            return;
        }
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
        unwritten.clear();
    }

    /** Every vector of the files read, for a merged file. */
    private Map<String, float[]> stored() {
        Map<String, float[]> all = new LinkedHashMap<>();
        for (var e : onDisk.entrySet()) {
            try {
                all.put(e.getKey(), readVector(e.getValue()));
            } catch (IOException ex) {
                throw new UncheckedIOException("could not read " + e.getValue().file() + ": " + ex.getMessage(), ex);
            }
        }
        return all;
    }

    /** Closes the files read. */
    @Override
    public void close() {
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only channel: nothing is lost
            }
        }
        channels.clear();
        onDisk.clear();
    }

    private float[] readVector(Location at) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * dimension);
        readFully(at.channel(), buf, at.offset());
        float[] v = new float[dimension];
        buf.flip().asFloatBuffer().get(v);
        return v;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("ends early, at byte " + at);
            }
            at += n;
        }
    }

    private byte[] encode(Map<String, float[]> entries) {
        byte[] id = embedderId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(headerBytes(id.length) + (long) entries.size() * entryBytes(dimension)));
        buf.putInt(MAGIC).putInt(FORMAT).putInt(id.length).put(id).putInt(dimension).putInt(entries.size());
        entries.keySet().forEach(key -> buf.put(HexFormat.of().parseHex(key)));
        entries.values().forEach(vector -> {
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

    private void indexAll() {
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
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue; // merged and removed by another JVM since the listing: its entries are in the merged file
            } catch (IOException e) {
                warnings.accept("seat: skipping embedding cache file " + file + ": " + e.getMessage());
                continue;
            }
            try {
                index(file, ch);
                channels.add(ch);
                read.add(file);
            } catch (IOException e) {
                closeQuietly(ch);
                warnings.accept("seat: skipping embedding cache file " + file + ": " + e.getMessage());
            } catch (Skip e) {
                closeQuietly(ch);
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

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // read-only channel: nothing is lost
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warnings.accept("seat: could not remove " + file + ": " + e.getMessage());
        }
    }

    /** Reads a file's header and text digests; the vectors stay on disk. */
    private void index(Path file, FileChannel ch) throws IOException, Skip {
        long size = ch.size();
        if (size < headerBytes(0)) {
            throw new Skip("not a seat embedding file (" + size + " bytes)", true);
        }
        ByteBuffer head = ByteBuffer.allocate(12);
        readFully(ch, head, 0);
        head.flip();
        if (head.getInt() != MAGIC) {
            throw new Skip("not a seat embedding file (" + size + " bytes, no SEMB header)", true);
        }
        int format = head.getInt();
        if (format != FORMAT) {
            throw new Skip("format " + format + ", expected " + FORMAT, false);
        }
        int idLength = head.getInt();
        if (idLength < 0 || headerBytes(idLength) > size) {
            throw new Skip("torn header (an embedder id of " + idLength + " bytes in a file of " + size + ")", true);
        }
        ByteBuffer rest = ByteBuffer.allocate(idLength + 8);
        readFully(ch, rest, 12);
        rest.flip();
        byte[] id = new byte[idLength];
        rest.get(id);
        String fileId = new String(id, StandardCharsets.UTF_8);
        if (!fileId.equals(embedderId)) {
            throw new Skip("written by embedder '" + fileId + "', expected '" + embedderId + "'", false);
        }
        int dim = rest.getInt();
        int count = rest.getInt();
        long expected = headerBytes(idLength) + (long) count * entryBytes(Math.max(dim, 0));
        if (dim <= 0 || count < 0 || expected != size) {
            throw new Skip("torn: the header promises " + count + " embeddings of length " + dim + " (" + expected
                    + " bytes), the file has " + size + " bytes", true);
        }
        if (dimension >= 0 && dim != dimension) {
            throw new Skip("embeddings of length " + dim + ", other files have length " + dimension, false);
        }
        ByteBuffer digests = ByteBuffer.allocate(Math.toIntExact(32L * count));
        long digestsAt = headerBytes(idLength);
        readFully(ch, digests, digestsAt);
        digests.flip();
        dimension = dim;
        long vectorsAt = digestsAt + 32L * count;
        byte[] hash = new byte[32];
        for (int i = 0; i < count; i++) {
            digests.get(hash);
            onDisk.putIfAbsent(HexFormat.of().formatHex(hash), new Location(file, ch, vectorsAt + 4L * dim * i));
        }
    }
}
