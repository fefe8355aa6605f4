package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant on tensors that may carry gradients.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and div, maximum, ...) wraps the number in a scalar
 * tensor over a Java direct buffer without copying, runs the op and closes the scalar at once.
 * When autograd saved that scalar for the backward pass (mul and div do), the backward reads the
 * buffer after Java may have freed it: whenever a garbage collection falls between the forward
 * and the backward, the gradients become garbage (seen as steps with non-finite gradients). These
 * helpers keep the scalar attached to the operand's manager, alive until that manager closes.
 * Use them on every tensor in a training graph; {@code add}/{@code sub} with a number are safe.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · f}, the scalar kept alive with {@code x}'s manager. */
    public static NDArray mul(NDArray x, float f) {
        return x.mul(x.getManager().create(f));
    }

    /** {@code x / f}, the scalar kept alive with {@code x}'s manager. */
    public static NDArray div(NDArray x, float f) {
        return x.div(x.getManager().create(f));
    }

    /** {@code max(x, f)} elementwise, the scalar kept alive with {@code x}'s manager. */
    public static NDArray maximum(NDArray x, float f) {
        return x.maximum(x.getManager().create(f));
    }
}
