package dev.seat.trainer;

/**
 * Hyper-parameters of one run. Build one with named settings over the defaults:
 * {@code TrainConfig.builder(1e-3, 20).batchSize(8).seed(1).build()}.
 *
 * @param learningRate peak learning rate
 * @param batchSize examples per micro-batch (default {@value #DEFAULT_BATCH_SIZE})
 * @param gradAccumulation micro-batches per optimizer step (default 1)
 * @param schedule linear warm-up, then {@code linear}, {@code cosine} decay to 0, or {@code constant}
 *     (default {@value #DEFAULT_SCHEDULE})
 * @param warmupRatio share of all optimizer steps spent warming up (default {@value #DEFAULT_WARMUP_RATIO})
 * @param weightDecay AdamW's decoupled weight decay (default {@value #DEFAULT_WEIGHT_DECAY})
 * @param beta1 AdamW's first-moment decay (default {@value AdamW#DEFAULT_BETA1})
 * @param beta2 AdamW's second-moment decay (default {@value AdamW#DEFAULT_BETA2})
 * @param eps AdamW's epsilon (default {@value AdamW#DEFAULT_EPS})
 * @param clipNorm clip of the global L2 norm of the trainable coordinates' gradient, ‖M ⊙ ∇L‖ (0 = off;
 *     default {@value #DEFAULT_CLIP_NORM})
 * @param seed data order, mask and LoRA initialisation seed (default 0)
 * @param saveEvery write a resumable state every this many optimizer steps (0 = only at the end; default 0)
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

    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final String DEFAULT_SCHEDULE = "cosine";
    public static final double DEFAULT_WARMUP_RATIO = 0.05;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final double DEFAULT_CLIP_NORM = 1.0;

    /** Settings over the defaults for a run at peak rate {@code learningRate} for {@code epochs}. */
    public static Builder builder(double learningRate, int epochs) {
        return new Builder(learningRate, epochs);
    }

    /** Every setting at its default. */
    public static TrainConfig defaults(double lr, int epochs) {
        return builder(lr, epochs).build();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return builder(learningRate, epochs).batchSize(batchSize).gradAccumulation(gradAccumulation).schedule(schedule)
                .warmupRatio(warmupRatio).weightDecay(weightDecay).betas(beta1, beta2).eps(eps).clipNorm(clipNorm)
                .seed(seed).saveEvery(saveEvery);
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

    /** Named settings of a {@link TrainConfig}; what is not set keeps its default. */
    public static final class Builder {
        private double learningRate;
        private int epochs;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int gradAccumulation = 1;
        private String schedule = DEFAULT_SCHEDULE;
        private double warmupRatio = DEFAULT_WARMUP_RATIO;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private double beta1 = AdamW.DEFAULT_BETA1;
        private double beta2 = AdamW.DEFAULT_BETA2;
        private double eps = AdamW.DEFAULT_EPS;
        private double clipNorm = DEFAULT_CLIP_NORM;
        private long seed;
        private int saveEvery;

        private Builder(double learningRate, int epochs) {
            this.learningRate = learningRate;
            this.epochs = epochs;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder gradAccumulation(int v) {
            gradAccumulation = v;
            return this;
        }

        public Builder schedule(String v) {
            schedule = v;
            return this;
        }

        public Builder warmupRatio(double v) {
            warmupRatio = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder saveEvery(int v) {
            saveEvery = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(learningRate, epochs, batchSize, gradAccumulation, schedule, warmupRatio, weightDecay,
                    beta1, beta2, eps, clipNorm, seed, saveEvery);
        }
    }
}
