package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}:
 * <pre>
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
 *   w = w - lr wd w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 * </pre>
 * An optional per-tensor 0/1 mask restricts the whole step (moments, decay, update) to the
 * trainable coordinates: a frozen coordinate never changes, bit for bit. Runs outside any
 * gradient collector, so the in-place updates record no graph.
 */
public final class AdamW {
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long step;

    public AdamW(NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    public long stepCount() {
        return step;
    }

    /** Moment estimates by parameter name ("m." and "v." prefixes), for saving. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, a));
        v.forEach((k, a) -> s.put("v." + k, a));
        return s;
    }

    /** Restores moments saved by {@link #state()} and the step count. */
    public void restore(Map<String, float[]> saved, Map<String, NDArray> params, long steps) {
        for (var e : params.entrySet()) {
            float[] mm = saved.get("m." + e.getKey());
            float[] vv = saved.get("v." + e.getKey());
            if (mm != null && vv != null) {
                m.put(e.getKey(), manager.create(mm, e.getValue().getShape()));
                v.put(e.getKey(), manager.create(vv, e.getValue().getShape()));
            }
        }
        this.step = steps;
    }

    /**
     * One update of every parameter that has a gradient.
     *
     * @param masks name → 0/1 float mask of the parameter's shape (1 = trainable); absent = all trainable
     */
    public void step(Map<String, NDArray> params, double lr, Map<String, NDArray> masks) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (var e : params.entrySet()) {
            NDArray w = e.getValue();
            NDArray mask = masks.get(e.getKey());
            NDArray mt = m.computeIfAbsent(e.getKey(), k -> manager.zeros(w.getShape()));
            NDArray vt = v.computeIfAbsent(e.getKey(), k -> manager.zeros(w.getShape()));
            try (NDScope scope = new NDScope()) { // frees every temporary of this update
                scope.suppressNotUsedWarning();
                NDArray g = w.getGradient();
                NDArray grad = mask == null ? g : g.mul(mask);
                mt.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
                vt.muli((float) beta2).addi(grad.square().mul((float) (1 - beta2)));
                NDArray update = mt.div((float) c1).div(vt.div((float) c2).sqrt().add((float) eps)).mul((float) lr);
                if (weightDecay > 0) {
                    update = update.add(w.mul((float) (lr * weightDecay)));
                }
                if (mask != null) {
                    update = update.mul(mask);
                }
                w.subi(update);
            }
        }
    }

    public void close() {
        manager.close();
    }
}
