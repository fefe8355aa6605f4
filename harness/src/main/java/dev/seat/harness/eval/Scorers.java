package dev.seat.harness.eval;

import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.metrics.SentenceEmbedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metric implementations of one evaluation, built on first use and shared by every question
 * set: the IDK_SM matcher, IDK_CS with its sentence embedder (loaded at most once; it takes
 * seconds) and ROUGE. Closing releases the embedder.
 */
public final class Scorers implements AutoCloseable {
    private final ScorerSettings settings;
    private IdkStringMatch stringMatch;
    private SentenceEmbedder embedder;
    private IdkCosine cosine;
    private final Rouge rouge = new Rouge();

    public Scorers(ScorerSettings settings) {
        this.settings = settings;
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
                embedder = settings.embedder()
                        .map(dir -> configured("embedder", dir, () -> OnnxSentenceEmbedder.fromFolder(dir,
                                settings.pooling(), OnnxSentenceEmbedder.Options.DEFAULT)))
                        .orElseGet(OnnxSentenceEmbedder::bgeSmallEnV15);
            }
            cosine = settings.idkReferences()
                    .map(p -> configured("idk.references", p, () -> IdkCosine.withReferences(embedder, p)))
                    .orElseGet(() -> IdkCosine.withDefaultReferences(embedder));
        }
        return cosine;
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
