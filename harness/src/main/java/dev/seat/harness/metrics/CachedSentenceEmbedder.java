package dev.seat.harness.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sentence embedder whose vectors are kept on disk ({@link EmbeddingStore}), keyed by the
 * embedder's id and each text's SHA-256: a text embedded once by any JVM is read back by every
 * later one, and the real embedder is loaded only when a text is not stored yet, so a run whose
 * texts are all stored never starts ONNX Runtime. The vectors are the real embedder's, bit for
 * bit: ONNX Runtime gives a text the same vector whatever else is in its batch (tested), so one
 * read back equals one computed now.
 *
 * <p>The id must name the model files exactly ({@link OnnxSentenceEmbedder#bundledId} and
 * {@link OnnxSentenceEmbedder#folderId} compute it without loading); a loaded embedder with
 * another id is refused. New vectors are written when the embedder is closed. Thread-safe.
 */
public final class CachedSentenceEmbedder implements SentenceEmbedder {
    private final String id;
    private final Path root;
    private final Supplier<? extends SentenceEmbedder> loader;
    private final Consumer<String> warnings;
    private EmbeddingStore store;
    private SentenceEmbedder real;
    private boolean closed;

    /**
     * @param id the id of the embedder {@code loader} loads
     * @param root the embedding cache folder (e.g. {@link #folder(Path)} of a results root)
     * @param loader loads the real embedder, at most once, on the first text not stored
     */
    public CachedSentenceEmbedder(String id, Path root, Supplier<? extends SentenceEmbedder> loader) {
        this(id, root, loader, System.err::println);
    }

    /** As {@link #CachedSentenceEmbedder(String, Path, Supplier)}, with cache-file warnings sent to {@code warnings}. */
    public CachedSentenceEmbedder(String id, Path root, Supplier<? extends SentenceEmbedder> loader,
            Consumer<String> warnings) {
        this.id = id;
        this.root = root;
        this.loader = loader;
        this.warnings = warnings;
    }

    /** The embedding cache of a results root: {@code <results>/cache/embeddings}. */
    public static Path folder(Path resultsRoot) {
        return resultsRoot.resolve("cache").resolve("embeddings");
    }

    @Override
    public String id() {
        return id;
    }

    /** The stored vectors' length, else the real embedder's (which loads it). */
    @Override
    public synchronized int dimension() {
        int stored = store().dimension();
        return stored >= 0 ? stored : real().dimension();
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        if (closed) {
            throw new IllegalStateException("Embedder " + id + " is closed");
        }
        EmbeddingStore s = store();
        String[] keys = new String[texts.size()];
        Set<String> missingKeys = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = EmbeddingStore.key(texts.get(i));
            if (s.get(keys[i]).isEmpty() && missingKeys.add(keys[i])) {
                missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            float[][] computed = real().embed(missing);
            int i = 0;
            for (String key : missingKeys) {
                s.put(key, computed[i++]);
            }
        }
        float[][] out = new float[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            out[i] = s.get(keys[i]).orElseThrow().clone();
        }
        return out;
    }

    /** Whether the real embedder was loaded (some text was not stored). */
    public synchronized boolean loaded() {
        return real != null;
    }

    private EmbeddingStore store() {
        if (store == null) {
            store = EmbeddingStore.open(root, id, warnings);
        }
        return store;
    }

    private SentenceEmbedder real() {
        if (real == null) {
            SentenceEmbedder loaded = loader.get();
            if (!loaded.id().equals(id)) {
                loaded.close();
                throw new IllegalStateException("The embedder loaded for the cache of '" + id + "' has id '"
                        + loaded.id() + "'; the cached vectors would belong to another model");
            }
            real = loaded;
        }
        return real;
    }

    /** Writes the vectors computed by this instance and releases the real embedder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (store != null) {
                store.flush();
                store.close();
            }
        } finally {
            if (real != null) {
                real.close();
            }
        }
    }

    @Override
    public String toString() {
        return "CachedSentenceEmbedder[" + id + " in " + root + "]";
    }
}
