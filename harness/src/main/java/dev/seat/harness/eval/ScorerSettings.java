package dev.seat.harness.eval;

import dev.seat.harness.metrics.Pooling;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which metric implementations an evaluation scores with. Every field empty means the bundled
 * defaults: IDK_SM's versioned phrase list, bge-small-en-v1.5 with CLS pooling for IDK_CS, and
 * its bundled reference ignorance phrases.
 *
 * @param idkPhrases a phrase list file for IDK_SM (gate parameter {@code idk.phrases})
 * @param idkReferences reference ignorance phrases for IDK_CS ({@code idk.references})
 * @param embedder an ONNX sentence-embedding folder for IDK_CS ({@code embedder})
 * @param pooling that folder's pooling ({@code embedder.pooling})
 */
public record ScorerSettings(Optional<Path> idkPhrases, Optional<Path> idkReferences, Optional<Path> embedder,
        Pooling pooling) {

    public static final ScorerSettings DEFAULTS =
            new ScorerSettings(Optional.empty(), Optional.empty(), Optional.empty(), Pooling.CLS);

    public ScorerSettings withIdkPhrases(Path file) {
        return new ScorerSettings(Optional.ofNullable(file), idkReferences, embedder, pooling);
    }
}
