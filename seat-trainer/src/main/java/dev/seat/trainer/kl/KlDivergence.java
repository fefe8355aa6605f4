package dev.seat.trainer.kl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.seat.harness.model.Scalars;

/**
 * KL(p_base ‖ p_θ) per position, from the student's logits and the cached base distribution.
 *
 * <pre>
 *   exact:  KL_t = Σ_v p(v) (log p(v) − log q(v))
 *   top-k:  KL_t = Σ_{v∈S} p(v) (log p(v) − log q(v)) + r (log r − log r_q),
 *           r = 1 − Σ_{v∈S} p(v),  r_q = 1 − Σ_{v∈S} q(v)
 * </pre>
 * The top-k form is the exact KL between the two distributions coarsened to S ∪ {rest} (a lower
 * bound of the full KL); it is 0 when θ = base either way.
 */
public final class KlDivergence {
    private static final float TINY = 1e-12f;

    private KlDivergence() {}

    /**
     * @param logits student logits [B, T, V]
     * @param base {@link BaseDistributions#batch} output: log p [B, T, k] (and ids [B, T, k] for top-k)
     * @param mask [B, T] 1 on covered positions
     * @return the mean KL over covered positions (a scalar)
     */
    public static NDArray mean(NDArray logits, NDList base, NDArray mask) {
        NDArray logq = logits.logSoftmax(2);                                      // [B, T, V]
        NDArray logp = base.get(0);                                               // [B, T, k]
        NDArray p = logp.exp();
        NDArray perPosition;                                                      // [B, T]
        if (base.size() == 1) {
            perPosition = p.mul(logp.sub(logq)).sum(new int[] {2});
        } else {
            NDArray logqS = logq.gather(base.get(1), 2);                          // [B, T, k]
            NDArray head = p.mul(logp.sub(logqS)).sum(new int[] {2});
            NDArray r = p.sum(new int[] {2}).neg().add(1f).maximum(0f);
            NDArray rq = Scalars.maximum(logqS.exp().sum(new int[] {2}).neg().add(1f), TINY);
            NDArray tail = r.mul(r.maximum(TINY).log().sub(rq.log()));
            perPosition = head.add(tail);
        }
        return perPosition.mul(mask).sum().div(mask.sum().maximum(1f));
    }
}
