package dev.seat.trainer.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A binary update mask over every trainable tensor: {@code true} = trainable, {@code false} =
 * frozen. Sparsity α is the share of coordinates frozen; every tensor keeps exactly
 * {@code round((1-α)·n)} trainable coordinates (the highest scores of its {@link MaskKind}; ties go
 * to the lower flat index), so the overall frozen share is α up to rounding.
 *
 * <p>Masks are stored as boolean arrays (one byte per coordinate) on their own manager; the
 * optimizer derives the trainable indices from them. A random mask depends only on the seed and
 * the tensor's name, so it need not be stored to be reproduced.
 */
public final class SparseMask implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> masks;
    private final double alpha;
    private final MaskKind kind;
    private final long trainable;
    private final long total;

    private SparseMask(NDManager manager, Map<String, NDArray> masks, double alpha, MaskKind kind, long trainable,
            long total) {
        this.manager = manager;
        this.masks = masks;
        this.alpha = alpha;
        this.kind = kind;
        this.trainable = trainable;
        this.total = total;
    }

    /**
     * @param params tensors by name (their shapes define the masks)
     * @param scores name → one score per coordinate, row-major (higher = keep trainable); asked
     *     once per tensor, in turn, so only one tensor's scores need exist at a time
     * @param alpha share of coordinates frozen, in [0, 1]
     */
    public static SparseMask fromScores(Map<String, NDArray> params, Function<String, float[]> scores, double alpha,
            MaskKind kind, NDManager parent) {
        if (alpha < 0 || alpha > 1) {
            throw new IllegalArgumentException("Sparsity α must be in [0, 1], got " + alpha);
        }
        NDManager m = parent.newSubManager();
        Map<String, NDArray> masks = new LinkedHashMap<>();
        long kept = 0;
        long total = 0;
        for (var e : params.entrySet()) {
            float[] s = scores.apply(e.getKey());
            int n = Math.toIntExact(e.getValue().size());
            if (s == null || s.length != n) {
                m.close();
                throw new IllegalArgumentException("No " + n + " mask scores for tensor " + e.getKey());
            }
            NDArray mask = maskOf(s, alpha, e.getValue().getShape(), m);
            mask.setName(e.getKey());
            masks.put(e.getKey(), mask);
            kept += trainableOf(n, alpha);
            total += n;
        }
        return new SparseMask(m, masks, alpha, kind, kept, total);
    }

    /**
     * The random mask of one tensor exactly as {@link MaskFactory} draws it with {@code seed}
     * ({@link MaskKind#RANDOM}): it depends only on the name, the shape, α and the seed, so it can be
     * drawn again instead of stored.
     */
    public static NDArray randomMask(String name, Shape shape, double alpha, long seed, NDManager manager) {
        int n = Math.toIntExact(shape.size());
        return maskOf(randomScores(name, n, seed), alpha, shape, manager);
    }

    /** Trainable coordinates of a tensor of {@code n} at sparsity α: round((1-α)·n). */
    public static long trainableOf(long n, double alpha) {
        return Math.round((1 - alpha) * n);
    }

    private static NDArray maskOf(float[] scores, double alpha, Shape shape, NDManager manager) {
        return booleans(manager, topK(scores, (int) trainableOf(scores.length, alpha)), shape);
    }

    /**
     * A boolean array written straight into native memory ({@code manager.create(boolean[])} would
     * keep a direct buffer per mask, which the JVM caps at -Xmx: a billion-coordinate mask then fails).
     */
    private static NDArray booleans(NDManager manager, boolean[] values, Shape shape) {
        NDArray a = manager.create(shape, DataType.BOOLEAN);
        if (values.length > 0) {
            ByteBuffer buf = a.toByteBuffer(true);
            for (boolean v : values) {
                buf.put((byte) (v ? 1 : 0));
            }
        }
        return a;
    }

    /** Exactly {@code k} true entries: the k largest scores, ties to the lower index. */
    static boolean[] topK(float[] scores, int k) {
        boolean[] keep = new boolean[scores.length];
        if (k <= 0) {
            return keep;
        }
        if (k >= scores.length) {
            Arrays.fill(keep, true);
            return keep;
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float threshold = sorted[scores.length - k];
        int above = 0;
        for (float v : scores) {
            if (v > threshold) {
                above++;
            }
        }
        int ties = k - above;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold || (scores[i] == threshold && ties-- > 0)) {
                keep[i] = true;
            }
        }
        return keep;
    }

    /** Seeded uniform scores for a tensor: depend only on {@code seed} and the tensor's name. */
    static float[] randomScores(String name, int n, long seed) {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextFloat();
        }
        return s;
    }

    /** Name → boolean mask of the tensor's shape (true = trainable). */
    public Map<String, NDArray> masks() {
        return Collections.unmodifiableMap(masks);
    }

    public double alpha() {
        return alpha;
    }

    public MaskKind kind() {
        return kind;
    }

    public long trainableCount() {
        return trainable;
    }

    public long totalCount() {
        return total;
    }

    /** The measured share of frozen coordinates. */
    public double frozenShare() {
        return total == 0 ? 0 : 1 - (double) trainable / total;
    }

    /** The mask of one tensor as 0/1 floats (for tests and reports). */
    public float[] floats(String name) {
        NDArray b = masks.get(name);
        try (NDArray f = b.toType(DataType.FLOAT32, false)) {
            return f.toFloatArray();
        }
    }

    public Shape shape(String name) {
        return masks.get(name).getShape();
    }

    @Override
    public void close() {
        manager.close();
    }
}
