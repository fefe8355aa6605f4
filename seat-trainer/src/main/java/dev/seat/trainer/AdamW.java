package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}:
 * <pre>
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
 *   w = w - lr wd w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 * </pre>
 * An optional per-tensor boolean mask (true = trainable) restricts the whole step — moments,
 * decay and update — to the trainable coordinates: a frozen coordinate never changes, bit for bit.
 *
 * <p>With {@code compactMoments} (fixed masks), the moments of a masked tensor hold only its k
 * trainable coordinates ([k] arrays, in row-major order of the mask): a 0.8-sparse run keeps 20%
 * of full AdamW state. The step gathers the k gradients, updates them, and scatters the update
 * into a temporary zero array (frozen coordinates receive exactly {@code w - 0}). Without it
 * (masks that change every step) moments are dense and frozen coordinates' moments are left
 * as they were. Runs outside any gradient collector, so the in-place updates record no graph.
 *
 * <p>Half-precision weights (float16, as loaded on a GPU) get float32 master values: the step
 * runs on the masters in float32 and writes them back rounded to float16, so updates smaller
 * than float16's resolution accumulate instead of vanishing. With compact moments the masters,
 * like the moments, exist only for the k trainable coordinates ([k], gathered by the mask's flat
 * indices and scattered back): a 0.8-sparse run keeps 12 bytes per trainable coordinate, 2.4 per
 * parameter, where full mixed-precision AdamW keeps 12 per parameter.
 */
public final class AdamW {
    /** torch.optim.AdamW's defaults for β1, β2 and ε (and {@link TrainConfig}'s). */
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    /** float32 master values of half-precision weights (compact: [k] trainable coordinates). */
    private final Map<String, NDArray> masters = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean compactMoments;
    private long step;

    public AdamW(NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
        this(parent, beta1, beta2, eps, weightDecay, true);
    }

    /** @param compactMoments keep moments only for trainable coordinates (masks must not change between steps) */
    public AdamW(NDManager parent, double beta1, double beta2, double eps, double weightDecay, boolean compactMoments) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.compactMoments = compactMoments;
    }

    public long stepCount() {
        return step;
    }

    /** Moment estimates and master values by parameter name ("m.", "v." and "master." prefixes), for saving. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, a));
        v.forEach((k, a) -> s.put("v." + k, a));
        masters.forEach((k, a) -> s.put("master." + k, a));
        return s;
    }

    /** Bytes held by the moment estimates and the master values of half-precision weights (float32). */
    public long stateBytes() {
        long n = 0;
        for (Map<String, NDArray> state : List.of(m, v, masters)) {
            for (NDArray a : state.values()) {
                n += a.size();
            }
        }
        return n * 4;
    }

    /** The float32 master values of a half-precision weight (null for a float32 weight, or before its first step). */
    NDArray master(String name) {
        return masters.get(name);
    }

    /** Restores moments saved by {@link #state()} (dense or compact) and the step count. */
    public void restore(Map<String, float[]> saved, Map<String, NDArray> params, long steps) {
        for (var e : params.entrySet()) {
            float[] mm = saved.get("m." + e.getKey());
            float[] vv = saved.get("v." + e.getKey());
            if (mm != null && vv != null) {
                Shape shape = mm.length == e.getValue().size() ? e.getValue().getShape() : new Shape(mm.length);
                m.put(e.getKey(), manager.create(mm, shape));
                v.put(e.getKey(), manager.create(vv, shape));
            }
            float[] ww = saved.get("master." + e.getKey());
            if (ww != null) {
                masters.put(e.getKey(), manager.create(ww, ww.length == e.getValue().size() ? e.getValue().getShape()
                        : new Shape(ww.length)));
            }
        }
        this.step = steps;
    }

    /**
     * One update of every parameter that has a gradient.
     *
     * @param masks name → boolean mask of the parameter's shape (true = trainable); absent = all trainable
     */
    public void step(Map<String, NDArray> params, double lr, Map<String, NDArray> masks) {
        step++;
        for (var e : params.entrySet()) {
            NDArray mask = masks.get(e.getKey());
            try (NDScope scope = new NDScope()) { // frees every temporary of this update
                scope.suppressNotUsedWarning();
                if (mask == null) {
                    dense(e.getKey(), e.getValue(), lr);
                } else if (compactMoments) {
                    compact(e.getKey(), e.getValue(), mask, lr);
                } else {
                    denseMasked(e.getKey(), e.getValue(), mask, lr);
                }
            }
        }
    }

    private void dense(String name, NDArray w, double lr) {
        NDArray mt = moment(m, name, w.getShape());
        NDArray vt = moment(v, name, w.getShape());
        NDArray g = w.getGradient();
        if (isHalf(w)) {
            NDArray master = master(name, w);
            moments(mt, vt, g.toType(DataType.FLOAT32, false));
            master.subi(update(mt, vt, master, lr));
            w.set(new NDIndex("..."), master.toType(w.getDataType(), false));
            return;
        }
        moments(mt, vt, g);
        w.subi(update(mt, vt, w, lr));
    }

    /** Moments [k] of the trainable coordinates only; the update is scattered into a zero array. */
    private void compact(String name, NDArray w, NDArray mask, double lr) {
        NDArray idx = mask.flatten().nonzero().flatten();                               // [k] int64
        long k = idx.size();
        NDArray mt = moment(m, name, new Shape(k));
        NDArray vt = moment(v, name, new Shape(k));
        if (mt.size() != k) {
            throw new IllegalStateException("Mask of " + name + " changed between steps (" + mt.size() + " vs " + k
                    + " trainable); compact moments need a fixed mask");
        }
        if (k == 0) {
            return;
        }
        NDArray g = w.getGradient().flatten().take(idx);                                // [k]
        if (isHalf(w)) {
            NDArray master = master(name, w.flatten().take(idx));                       // [k] float32
            moments(mt, vt, g.toType(DataType.FLOAT32, false));
            master.subi(update(mt, vt, master, lr));
            NDArray written = w.flatten().put(idx, master.toType(w.getDataType(), false)); // [n], frozen as they were
            w.set(new NDIndex("..."), written.reshape(w.getShape()));
            return;
        }
        moments(mt, vt, g);
        NDArray upd = update(mt, vt, w.flatten().take(idx), lr);                        // [k]
        NDArray full = w.zerosLike().flatten();                                         // [n], freed by the scope
        w.subi(full.put(idx, upd).reshape(w.getShape()));
    }

    /** Dense moments, but only trainable coordinates' moments and weights move. */
    private void denseMasked(String name, NDArray w, NDArray mask, double lr) {
        if (isHalf(w)) {
            throw new IllegalStateException("Masks drawn anew every step need float32 weights, but " + name + " is "
                    + w.getDataType() + "; load the model in float32 for them, or use a fixed mask");
        }
        NDArray mt = moment(m, name, w.getShape());
        NDArray vt = moment(v, name, w.getShape());
        NDArray g = w.getGradient();
        NDArray mNew = mt.mul((float) beta1).add(g.mul((float) (1 - beta1)));
        NDArray vNew = vt.mul((float) beta2).add(g.square().mul((float) (1 - beta2)));
        NDArray mSel = NDArrays.where(mask, mNew, mt);
        NDArray vSel = NDArrays.where(mask, vNew, vt);
        mt.muli(0f).addi(mSel);
        vt.muli(0f).addi(vSel);
        NDArray upd = update(mt, vt, w, lr);
        w.subi(NDArrays.where(mask, upd, upd.zerosLike()));
    }

    private static boolean isHalf(NDArray w) {
        return w.getDataType() == DataType.FLOAT16;
    }

    /** The master values of {@code name}, on first use {@code initial} widened to float32; they outlive the step's scope. */
    private NDArray master(String name, NDArray initial) {
        return masters.computeIfAbsent(name, k -> {
            NDArray a = initial.toType(DataType.FLOAT32, true);
            a.attach(manager);
            NDScope.unregister(a);
            return a;
        });
    }

    /** The moment array of {@code name}, created as zeros on first use; it outlives the step's scope. */
    private NDArray moment(Map<String, NDArray> moments, String name, Shape shape) {
        return moments.computeIfAbsent(name, k -> {
            NDArray a = manager.zeros(shape);
            NDScope.unregister(a);
            return a;
        });
    }

    private void moments(NDArray mt, NDArray vt, NDArray g) {
        mt.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        vt.muli((float) beta2).addi(g.square().mul((float) (1 - beta2)));
    }

    /** lr · (m̂ / (sqrt(v̂) + eps) + wd · w), same shape as the moments. */
    private NDArray update(NDArray mt, NDArray vt, NDArray w, double lr) {
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        NDArray update = mt.div((float) c1).div(vt.div((float) c2).sqrt().add((float) eps)).mul((float) lr);
        if (weightDecay > 0) {
            update = update.add(w.mul((float) (lr * weightDecay)));
        }
        return update;
    }

    public void close() {
        manager.close();
    }
}
