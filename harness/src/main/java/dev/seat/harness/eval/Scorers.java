package dev.seat.harness.eval;

import dev.seat.harness.metrics.CachedSentenceEmbedder;
import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.metrics.SentenceEmbedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The metric implementations of one evaluation, built on first use and shared by every question
 * set: the IDK_SM matcher, IDK_CS with its sentence embedder (loaded at most once; it takes
 * seconds) and ROUGE. With an embedding cache folder, IDK_CS embeds through a
 * {@link CachedSentenceEmbedder}: texts embedded before are read back and the embedder is loaded
 * only for a text never seen. Closing releases the embedder (and writes new cached vectors).
 */
public final class Scorers implements AutoCloseable {
    private final ScorerSettings settings;
    private final Optional<Path> embeddingCache;
    private IdkStringMatch stringMatch;
    private SentenceEmbedder embedder;
    private IdkCosine cosine;
    private final Rouge rouge = new Rouge();

    /** Scorers without an embedding cache. */
    public Scorers(ScorerSettings settings) {
        this(settings, Optional.empty());
    }

    /** @param embeddingCache the folder of cached sentence embeddings, if any ({@link CachedSentenceEmbedder#folder}) */
    public Scorers(ScorerSettings settings, Optional<Path> embeddingCache) {
        this.settings = settings;
        this.embeddingCache = embeddingCache;
    }

    /**
     * @throws IllegalArgumentException naming the setting and file when a configured phrase list cannot be read
     */
    public synchronized IdkStringMatch idkStringMatch() {
        if (stringMatch == null) {
            stringMatch = settings.idkPhrases()
                    .map(p -> configured("idk.phrases", p, () -> IdkStringMatch.load(p)))
                    .orElseGet(IdkStringMatch::defaults);
        }
        return stringMatch;
    }

    public synchronized IdkCosine idkCosine() {
        if (cosine == null) {
            if (embedder == null) {
                embedder = openEmbedder();
            }
            cosine = settings.idkReferences()
                    .map(p -> configured("idk.references", p, () -> IdkCosine.withReferences(embedder, p)))
                    .orElseGet(() -> IdkCosine.withDefaultReferences(embedder));
        }
        return cosine;
    }

    /** The configured embedder: loaded now, or, with a cache, wrapped to load on the first text not cached. */
    private SentenceEmbedder openEmbedder() {
        OnnxSentenceEmbedder.Options options = OnnxSentenceEmbedder.Options.DEFAULT;
        Optional<Path> folder = settings.embedder();
        Supplier<SentenceEmbedder> load = folder.<Supplier<SentenceEmbedder>>map(dir -> () -> configured("embedder", dir,
                () -> OnnxSentenceEmbedder.fromFolder(dir, settings.pooling(), options)))
                .orElse(() -> OnnxSentenceEmbedder.bgeSmallEnV15(options));
        if (embeddingCache.isEmpty()) {
            return load.get();
        }
        String id = folder.map(dir -> configured("embedder", dir,
                () -> OnnxSentenceEmbedder.folderId(dir, settings.pooling(), options)))
                .orElseGet(() -> OnnxSentenceEmbedder.bundledId(options));
        return new CachedSentenceEmbedder(id, embeddingCache.get(), load);
    }

    /** Whether the sentence embedder's model was loaded (without a cache: whether IDK_CS was used at all). */
    public synchronized boolean embedderLoaded() {
        return embedder instanceof CachedSentenceEmbedder c ? c.loaded() : embedder != null;
    }

    public Rouge rouge() {
        return rouge;
    }

    /** Versions of the metric implementations used so far, for manifests and experiment records. */
    public synchronized Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        if (stringMatch != null) {
            v.put(IdkStringMatch.NAME, stringMatch.version());
        }
        if (cosine != null) {
            v.put(IdkCosine.NAME, cosine.version());
        }
        v.put("rouge", "rouge_score semantics, use_stemmer=True");
        return v;
    }

    private static <T> T configured(String setting, Path file, Supplier<T> loader) {
        try {
            return loader.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting '" + setting + "' = " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
            embedder = null;
            cosine = null;
        }
    }
}
