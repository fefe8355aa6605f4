package dev.seat.harness.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.TokenBatch;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat forward}: the logits of every position of one sequence, as JSON. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Run one forward pass and write {\"input_ids\": [...], \"attention_mask\": [...], "
                + "\"position_ids\": [...], \"logits\": [[...per position...]]} (float32) to --output.")
public final class ForwardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOptions checkpoint;

    @Option(names = "--input-ids", required = true, split = ",", paramLabel = "IDS", description = "Token ids, e.g. 1,2,3")
    long[] inputIds;

    @Option(names = "--attention-mask", split = ",", paramLabel = "MASK",
            description = "0/1 per position (0 = left padding); default all ones")
    long[] attentionMask;

    @Option(names = "--output", required = true, paramLabel = "FILE.json")
    Path output;

    @Override
    public Integer call() {
        long[] mask = attentionMask;
        if (mask == null) {
            mask = new long[inputIds.length];
            Arrays.fill(mask, 1);
        }
        if (mask.length != inputIds.length) {
            spec.commandLine().getErr().println("--attention-mask has " + mask.length + " values but --input-ids has " + inputIds.length);
            return 2;
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                spec.commandLine().getErr().println("--attention-mask value " + mask[i] + " at position " + i + " must be 0 or 1");
                return 2;
            }
        }
        try (Checkpoint cp = checkpoint.load(); NDManager m = cp.model().manager().newSubManager()) {
            cp.config().checkTokens("--input-ids", inputIds, true);
            long[][] positions = TokenBatch.positionsFromMask(new long[][] {mask});
            DecoderLM.Output out = cp.model().forward(m, new long[][] {inputIds}, positions,
                    new long[][] {mask}, null, false, false);
            DecoderLM.requireFinite(out.logits(), "logits of --input-ids");
            float[] flat = out.logits().toFloatArray();
            int v = cp.config().vocabSize();
            ObjectNode json = Json.object();
            json.set("input_ids", Json.MAPPER.valueToTree(inputIds));
            json.set("attention_mask", Json.MAPPER.valueToTree(mask));
            json.set("position_ids", Json.MAPPER.valueToTree(positions[0]));
            ArrayNode logits = json.putArray("logits");
            for (int t = 0; t < inputIds.length; t++) {
                ArrayNode row = logits.addArray();
                for (int i = 0; i < v; i++) {
                    row.add(flat[t * v + i]);
                }
            }
            AtomicFiles.writeString(output, Json.compact(json));
            spec.commandLine().getErr().println("wrote logits [" + inputIds.length + " x " + v + "] to " + output);
            return 0;
        }
    }
}
