package dev.seat.harness.eval;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.model.LanguageModel;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code --batch-size auto} on a GPU, as lm-eval finds its batch size: start at {@link AutoBatchSize#MAX}
 * rows and, whenever a call runs out of device memory, halve the batch size and ask again (below one
 * row, the error stands). The size that worked is kept for later calls. Closing closes the checkpoint.
 */
public final class OomHalvingLanguageModel implements LanguageModel, AutoCloseable {
    private final Checkpoint checkpoint;
    private final Function<Integer, LanguageModel> withBatchSize;
    private int batchSize;

    public OomHalvingLanguageModel(Checkpoint checkpoint) {
        this(checkpoint, AutoBatchSize.MAX, size -> new CheckpointLanguageModel(checkpoint, size));
    }

    /** Tests: {@code withBatchSize} makes the model answering at one batch size. */
    OomHalvingLanguageModel(Checkpoint checkpoint, int start, Function<Integer, LanguageModel> withBatchSize) {
        this.checkpoint = checkpoint;
        this.withBatchSize = withBatchSize;
        this.batchSize = start;
    }

    /** The batch size now (after any halving). */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<LoglikResult> loglikelihood(List<LoglikRequest> requests) {
        return retry(m -> m.loglikelihood(requests));
    }

    @Override
    public List<String> generateUntil(List<GenerationRequest> requests) {
        return retry(m -> m.generateUntil(requests));
    }

    private <T> T retry(Function<LanguageModel, T> call) {
        while (true) {
            try {
                return call.apply(withBatchSize.apply(batchSize));
            } catch (RuntimeException | OutOfMemoryError e) {
                if (!isOutOfMemory(e) || batchSize == 1) {
                    throw e;
                }
                batchSize = Math.max(1, batchSize / 2);
                System.err.println("seat: out of device memory; retrying with --batch-size " + batchSize);
            }
        }
    }

    /** Whether {@code e} (or a cause) says the device ran out of memory (PyTorch's "CUDA out of memory"). */
    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("out of memory"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String fingerprint() {
        return checkpoint == null ? withBatchSize.apply(batchSize).fingerprint() : checkpoint.fingerprint();
    }

    @Override
    public void close() {
        if (checkpoint != null) {
            checkpoint.close();
        }
    }
}
