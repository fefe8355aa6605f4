package dev.seat.harness.engine;

import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.metrics.Pooling;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.metrics.SentenceEmbedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metric implementations of one engine execution, built on first use and shared by every
 * suite: the IDK_SM matcher (bundled or {@code idk.phrases} list), IDK_CS with its sentence
 * embedder (loaded at most once per run; it takes seconds) and ROUGE. Closing releases the
 * embedder.
 */
final class Scorers implements AutoCloseable {
    private final SeatConfiguration config;
    private IdkStringMatch stringMatch;
    private SentenceEmbedder embedder;
    private IdkCosine cosine;
    private final Rouge rouge = new Rouge();

    Scorers(SeatConfiguration config) {
        this.config = config;
    }

    synchronized IdkStringMatch idkStringMatch() {
        if (stringMatch == null) {
            Optional<Path> phrases = config.idkPhrases();
            stringMatch = phrases.map(p -> configured(SeatConfiguration.IDK_PHRASES, p, () -> IdkStringMatch.load(p)))
                    .orElseGet(IdkStringMatch::defaults);
        }
        return stringMatch;
    }

    synchronized IdkCosine idkCosine() {
        if (cosine == null) {
            if (embedder == null) {
                embedder = config.embedder()
                        .map(dir -> configured(SeatConfiguration.EMBEDDER, dir,
                                () -> OnnxSentenceEmbedder.fromFolder(dir, pooling(), OnnxSentenceEmbedder.Options.DEFAULT)))
                        .orElseGet(OnnxSentenceEmbedder::bgeSmallEnV15);
            }
            cosine = config.idkReferences()
                    .map(p -> configured(SeatConfiguration.IDK_REFERENCES, p, () -> IdkCosine.withReferences(embedder, p)))
                    .orElseGet(() -> IdkCosine.withDefaultReferences(embedder));
        }
        return cosine;
    }

    Rouge rouge() {
        return rouge;
    }

    /** Versions of the metric implementations used so far, for the manifest. */
    synchronized Map<String, String> versions() {
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

    private Pooling pooling() {
        String name = config.embedderPooling();
        for (Pooling p : Pooling.values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new SeatConfigurationException("Configuration parameter '" + SeatConfiguration.EMBEDDER_POOLING
                + "' must be one of " + java.util.Arrays.toString(Pooling.values()).toLowerCase(Locale.ROOT)
                + ", found '" + name + "'");
    }

    private static <T> T configured(String key, Path file, java.util.function.Supplier<T> loader) {
        try {
            return loader.get();
        } catch (RuntimeException e) {
            throw new SeatConfigurationException("Configuration parameter '" + key + "' = " + file + ": "
                    + e.getMessage(), e);
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
