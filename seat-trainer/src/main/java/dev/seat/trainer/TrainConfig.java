package dev.seat.trainer;

/**
 * Hyper-parameters of one run.
 *
 * @param learningRate peak learning rate
 * @param schedule linear warm-up, then {@code linear}, {@code cosine} decay to 0, or {@code constant}
 * @param warmupRatio share of all optimizer steps spent warming up
 * @param gradAccumulation micro-batches per optimizer step
 * @param clipNorm clip of the global L2 norm of the trainable coordinates' gradient, ‖M ⊙ ∇L‖ (0 = off)
 * @param saveEvery write a resumable state every this many optimizer steps (0 = only at the end)
 */
public record TrainConfig(
        double learningRate,
        int epochs,
        int batchSize,
        int gradAccumulation,
        String schedule,
        double warmupRatio,
        double weightDecay,
        double beta1,
        double beta2,
        double eps,
        double clipNorm,
        long seed,
        int saveEvery) {

    public static TrainConfig defaults(double lr, int epochs) {
        return new TrainConfig(lr, epochs, 16, 1, "cosine", 0.05, 0.0, 0.9, 0.999, 1e-8, 1.0, 0, 0);
    }

    /** Learning rate at optimizer step {@code step} (0-based) of {@code total}. */
    public double lrAt(long step, long total) {
        long warmup = Math.round(warmupRatio * total);
        if (step < warmup) {
            return learningRate * (step + 1) / warmup;
        }
        double progress = total <= warmup ? 1 : (double) (step - warmup) / (total - warmup);
        return switch (schedule) {
            case "constant" -> learningRate;
            case "linear" -> learningRate * (1 - progress);
            case "cosine" -> learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
            default -> throw new IllegalArgumentException("Unknown schedule '" + schedule
                    + "'; expected linear, cosine or constant");
        };
    }
}
