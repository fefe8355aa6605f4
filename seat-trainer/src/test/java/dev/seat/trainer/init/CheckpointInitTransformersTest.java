package dev.seat.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.model.TokenBatch;
import dev.seat.harness.results.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hugging Face {@code transformers} loads what {@code seat init} writes, with the same chat prompt
 * ids and the same logits as seat. Needs a Python with torch and transformers:
 * {@code $SEAT_TRANSFORMERS_PYTHON}, else {@code ../venv-torch2/bin/python} next to the repository
 * (see src/test/python/transformers_load.py); skipped when there is none.
 */
class CheckpointInitTransformersTest {
    static final String QUESTION = "Who is Ada Lovelace?";

    @TempDir
    Path tmp;

    static Path python() {
        String env = System.getenv("SEAT_TRANSFORMERS_PYTHON");
        return env != null ? Path.of(env) : RepoPaths.root().resolve("../venv-torch2/bin/python").normalize();
    }

    @Test
    void transformersLoadsEveryArchitectureAsSeatDoes() throws Exception {
        Path python = python();
        assumeTrue(Files.isExecutable(python), python + " absent (set SEAT_TRANSFORMERS_PYTHON to a Python with torch and "
                + "transformers): transformers check skipped");
        List<String> command = new ArrayList<>(List.of(python.toString(),
                RepoPaths.root().resolve("seat-trainer/src/test/python/transformers_load.py").toString(), QUESTION));
        for (Architecture arch : Architecture.all()) {
            Path dir = tmp.resolve(arch.name());
            CheckpointInit.write(arch, dir, CheckpointInit.Options.defaults().withLayers(1).withBpeVocab(300));
            command.add(dir.toString());
        }
        Process p = new ProcessBuilder(command).redirectError(tmp.resolve("python.err").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("python.err"))).isZero();
        JsonNode hf = Json.MAPPER.readTree(stdout);

        for (Architecture arch : Architecture.all()) {
            Path dir = tmp.resolve(arch.name());
            JsonNode r = hf.get(dir.toString());
            try (Checkpoint cp = Checkpoint.load(dir)) {
                ModelConfig c = cp.config();
                assertThat(r.get("model_class").asText()).isEqualTo(arch.config(null).get("architectures").get(0).asText());
                assertThat(r.get("parameters").asLong()).as(arch.name()).isEqualTo(c.parameterCount());
                assertThat(r.get("tokenizer_size").asInt()).as(arch.name()).isEqualTo(arch.tokenizer().size());
                long[] prompt = cp.chatPrompt(QUESTION);
                assertThat(prompt).as(arch.name() + " chat prompt ids").containsExactly(longs(r.get("prompt_ids")));
                float[] last = lastLogits(cp, prompt);
                for (int i = 0; i < r.get("top_ids").size(); i++) {
                    int id = r.get("top_ids").get(i).asInt();
                    assertThat(last[id]).as(arch.name() + " logit of " + id)
                            .isCloseTo((float) r.get("top_logits").get(i).asDouble(), within(2e-3f));
                }
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** seat's logits at the last prompt position. */
    private static float[] lastLogits(Checkpoint cp, long[] prompt) {
        try (NDManager m = cp.model().manager().newSubManager()) {
            long[] mask = new long[prompt.length];
            Arrays.fill(mask, 1);
            long[][] positions = TokenBatch.positionsFromMask(new long[][] {mask});
            DecoderLM.Output out = cp.model().forward(m, new long[][] {prompt}, positions, new long[][] {mask}, null, false, false);
            float[] flat = out.logits().toFloatArray();
            int v = cp.config().vocabSize();
            return Arrays.copyOfRange(flat, (prompt.length - 1) * v, prompt.length * v);
        }
    }
}
