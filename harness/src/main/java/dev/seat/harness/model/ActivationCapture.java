package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The residual stream at the last token of each prompt: the embedding output and the stream
 * leaving each decoder layer (before any norm). Used for drift checks and PCA.
 */
public final class ActivationCapture {
    private ActivationCapture() {}

    /**
     * @return [prompt][1 + layers][hidden]: index 0 is the embedding output, index l+1 the stream after layer l
     */
    public static float[][][] lastToken(DecoderLM model, List<long[]> prompts, long padId, int batchSize) {
        float[][][] out = new float[prompts.size()][][];
        int layers = model.config().numLayers();
        int hidden = model.config().hiddenSize();
        for (int start = 0; start < prompts.size(); start += batchSize) {
            int end = Math.min(prompts.size(), start + batchSize);
            TokenBatch batch = TokenBatch.leftPadded(new ArrayList<>(prompts.subList(start, end)), padId);
            try (NDManager m = model.manager().newSubManager()) {
                List<NDArray> res = model.forward(m, batch, true, true).residuals();
                for (int i = start; i < end; i++) {
                    out[i] = new float[layers + 1][];
                }
                for (int l = 0; l <= layers; l++) {
                    // left padding puts every prompt's last token at the last position
                    float[] last = res.get(l).get(new NDIndex(":, -1, :")).toFloatArray(); // [B*H]
                    for (int i = start; i < end; i++) {
                        int row = i - start;
                        out[i][l] = java.util.Arrays.copyOfRange(last, row * hidden, (row + 1) * hidden);
                    }
                }
            }
        }
        return out;
    }
}
