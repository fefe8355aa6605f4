package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the few-shot examples of each document, as lm-eval's samplers do:
 * <ul>
 *   <li>{@code random} (lm-eval's default): {@code Random(seed).sample(pool, n)} with one
 *       generator per task run, drawn document after document in order, seed 1234 by default;
 *       reproduced bit for bit by {@link PythonRandom}, so with the same pool file (same rows,
 *       same order) the examples are the ones lm-eval picks;</li>
 *   <li>{@code first_n}: the first n documents of the pool (MMLU's dev examples).</li>
 * </ul>
 * When the pool is the evaluated split itself, one extra example is drawn and any example equal
 * to the document is dropped, keeping the first k (lm-eval's rule).
 */
public final class FewshotSampler {
    private final String kind;
    private final List<ObjectNode> pool;
    private final boolean poolIsEvalSplit;
    private final PythonRandom random;

    public FewshotSampler(String kind, List<ObjectNode> pool, boolean poolIsEvalSplit, long seed) {
        if (!kind.equals("random") && !kind.equals("first_n")) {
            throw new IllegalArgumentException("fewshot sampler must be random or first_n, got '" + kind + "'");
        }
        this.kind = kind;
        this.pool = pool;
        this.poolIsEvalSplit = poolIsEvalSplit;
        this.random = new PythonRandom(seed);
    }

    /** The k examples for {@code doc}; call once per document, in document order. */
    public List<ObjectNode> examples(ObjectNode doc, int k) {
        if (k == 0) {
            return List.of();
        }
        int n = poolIsEvalSplit ? k + 1 : k;
        if (n > pool.size()) {
            throw new IllegalArgumentException("Asked for " + k + " few-shot examples but the few-shot pool has only "
                    + pool.size() + " documents");
        }
        List<ObjectNode> drawn = new ArrayList<>();
        if (kind.equals("first_n")) {
            drawn.addAll(pool.subList(0, n));
        } else {
            for (int i : random.sample(pool.size(), n)) {
                drawn.add(pool.get(i));
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode ex : drawn) {
            if (!ex.equals(doc) && out.size() < k) {
                out.add(ex);
            }
        }
        return out;
    }
}
