package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded checkpoint with one thing wrong in config.json, the tokenizer files, the weights'
 * values or the input: each is refused before anything is allocated, naming the file and the
 * field, tensor or item; results that would be NaN are refused where they are used.
 */
class CheckpointInputsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyEmbeddedCheckpoint() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.defaultCheckpoint())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    void editConfig(Consumer<ObjectNode> edit) {
        ObjectNode cfg = (ObjectNode) Json.read(dir.resolve("config.json"));
        edit.accept(cfg);
        Json.write(dir.resolve("config.json"), cfg);
    }

    String loadError() {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> Checkpoint.load(dir).close())
                .isInstanceOf(CheckpointException.class)
                .satisfies(t -> caught[0] = t);
        return caught[0].getMessage();
    }

    @Test
    void zeroKeyValueHeadsIsNamedNotADivisionByZero() {
        editConfig(c -> c.put("num_key_value_heads", 0));
        assertThat(loadError()).contains("config.json").contains("'num_key_value_heads' must be a positive integer, found 0");
    }

    @Test
    void aMillionLayersFailsAtOnceWithBothCounts() {
        editConfig(c -> c.put("num_hidden_layers", 1_000_000));
        assertThat(loadError()).contains("num_hidden_layers is 1000000, but the weights hold 4 layers"
                + " (model.layers.0 to model.layers.3)");
    }

    @Test
    void textWhereANumberBelongsIsRefused() {
        editConfig(c -> c.put("rms_norm_eps", "abc"));
        assertThat(loadError()).contains("config.json").contains("'rms_norm_eps' must be a finite number above 0, found \"abc\"");
    }

    @Test
    void aFractionalCountIsRefused() {
        editConfig(c -> c.put("intermediate_size", 688.5));
        assertThat(loadError()).contains("'intermediate_size' must be a positive integer, found 688.5");
    }

    @Test
    void headsThatDoNotDivideTheHiddenSizeAreRefused() {
        editConfig(c -> {
            c.remove("head_dim");
            c.put("num_attention_heads", 6);
        });
        assertThat(loadError()).contains("hidden_size 256 is not a multiple of num_attention_heads 6");
    }

    @Test
    void anEosIdBeyondTheVocabularyIsRefused() {
        editConfig(c -> c.put("eos_token_id", 2048));
        assertThat(loadError()).contains("config.json").contains("'eos_token_id' must be a token id from 0 to"
                + " vocab_size - 1 = 2047");
    }

    @Test
    void anEmptyBosListIsRefused() { // found by CheckpointFuzzTest: an IndexOutOfBoundsException before
        editConfig(c -> c.putArray("bos_token_id"));
        assertThat(loadError()).contains("config.json").contains("'bos_token_id' must be one token id, found []");
    }

    @Test
    void aTokenizerAddedTokenBeyondTheVocabularyIsRefused() throws IOException {
        ObjectNode tok = (ObjectNode) Json.read(dir.resolve("tokenizer.json"));
        ObjectNode extra = ((ArrayNode) tok.get("added_tokens")).addObject();
        extra.put("id", 2048).put("content", "<|extra|>").put("special", true);
        Json.write(dir.resolve("tokenizer.json"), tok);
        assertThat(loadError()).contains("tokenizer.json").contains("added_tokens token '<|extra|>' has id 2048")
                .contains("beyond config.json vocab_size 2048");
    }

    @Test
    void emptyOrArrayTokenizerConfigIsRefused() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "");
        assertThat(loadError()).contains("tokenizer_config.json: expected a JSON object, found an empty file");
        Files.writeString(dir.resolve("tokenizer_config.json"), "[1, 2]");
        assertThat(loadError()).contains("tokenizer_config.json: expected a JSON object, found array");
    }

    @Test
    void weightsThatDoNotFitTheAvailableMemoryAreRefusedBeforeLoading() {
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        try (WeightFiles weights = WeightFiles.open(dir)) {
            weights.validate(config);
            assertThatThrownBy(() -> weights.checkMemory(dir, config, 4,
                    new MemoryBudget.Available(1 << 20, "a 1 MiB test budget")))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("the weights need about 13.1 MiB (" + config.parameterCount()
                            + " parameters x 4 bytes), but only 1.0 MiB is available (a 1 MiB test budget)");
            weights.checkMemory(dir, config, 4, MemoryBudget.available(ai.djl.Device.cpu())); // this machine has room
        }
    }

    /** Overwrites float32 element {@code index} of {@code tensor} in model.safetensors. */
    void setWeight(String tensor, int index, float value) throws IOException {
        long begin;
        try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve("model.safetensors"))) {
            begin = f.tensors().get(tensor).begin();
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("model.safetensors").toFile(), "rw")) {
            raf.seek(begin + 4L * index);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        }
    }

    @Test
    void aNaNWeightIsRefusedAtLoadNamingTheTensor() throws IOException {
        setWeight("model.layers.2.mlp.up_proj.weight", 1000, Float.NaN);
        assertThat(loadError()).contains("model.safetensors: tensor 'model.layers.2.mlp.up_proj.weight' [688, 256]"
                + " holds 1 non-finite value (first: NaN at flat index 1000)");
    }

    @Test
    void logitsThatOverflowAreRefusedAtUseNamingTheStep() throws IOException {
        for (int i = 0; i < 256; i++) {
            setWeight("model.norm.weight", i, 3e38f); // finite, but the final norm times it overflows
        }
        try (Checkpoint cp = Checkpoint.load(dir)) {
            Generator g = new Generator(cp.model(), Set.of(), cp.padId(), null);
            assertThatThrownBy(() -> g.generate(List.of(new long[] {5, 6, 7}), GenerationConfig.greedy(4)))
                    .isInstanceOf(NonFiniteException.class)
                    .hasMessageContaining("logits of generation step 1: ")
                    .hasMessageContaining("values are NaN or infinite");
            CheckpointLanguageModel lm = new CheckpointLanguageModel(cp, 1);
            assertThatThrownBy(() -> lm.loglikelihoodOfTokens(List.of(new long[] {5, 6}), List.of(new long[] {7})))
                    .isInstanceOf(NonFiniteException.class)
                    .hasMessageContaining("request 1: log-likelihood");
        }
    }

    @Test
    void aWeightBeyondFloat16sRangeIsRefusedWhenNarrowed() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            ai.djl.ndarray.NDArray fine = m.create(new float[] {1f, -65504f});
            assertThat(DecoderLM.narrow(fine, ai.djl.ndarray.types.DataType.FLOAT16, "tensor 'a'").toFloatArray())
                    .containsExactly(1f, -65504f);
            ai.djl.ndarray.NDArray big = m.create(new float[] {1f, 70000f});
            assertThatThrownBy(() -> DecoderLM.narrow(big, ai.djl.ndarray.types.DataType.FLOAT16, "tensor 'b'"))
                    .isInstanceOf(NonFiniteException.class)
                    .hasMessageContaining("tensor 'b' as float16: 1 of 2 values are NaN or infinite")
                    .hasMessageContaining("--fp32-on-gpu");
        }
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreRefusedWithTheItemNamed() {
        try (Checkpoint cp = Checkpoint.load(dir)) {
            Generator g = new Generator(cp);
            assertThatThrownBy(() -> g.generate(List.of(new long[] {5, 6}, new long[] {1, -1}), GenerationConfig.greedy(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("prompt 2 of 2: token id -1 at position 1 is outside the vocabulary (ids 0 to 2047)");
            assertThatThrownBy(() -> g.generate(List.of(new long[] {2048}), GenerationConfig.greedy(2)))
                    .hasMessageContaining("token id 2048 at position 0 is outside the vocabulary");
            CheckpointLanguageModel lm = new CheckpointLanguageModel(cp, 1);
            assertThatThrownBy(() -> lm.loglikelihoodOfTokens(List.of(new long[] {5}), List.of(new long[] {9999})))
                    .hasMessageContaining("request 1 continuation: token id 9999 at position 0 is outside the vocabulary");
        }
    }

    @Test
    void aPromptBeyondMaxPositionsIsRefusedAndGenerationStopsAtTheLastPosition() {
        try (Checkpoint cp = Checkpoint.load(dir)) {
            Generator g = new Generator(cp.model(), Set.of(), cp.padId(), null);
            long[] tooLong = new long[513];
            Arrays.fill(tooLong, 5);
            assertThatThrownBy(() -> g.generate(List.of(tooLong), GenerationConfig.greedy(1)))
                    .hasMessage("prompt 1 of 1: 513 tokens, more than the model's max_position_embeddings 512");
            long[] nearlyFull = Arrays.copyOf(tooLong, 510);
            Generator.Generation gen = g.generate(List.of(nearlyFull), GenerationConfig.greedy(10)).get(0);
            // tokens at positions 510, 511 and 512; the last has no position to be fed at
            assertThat(gen.tokens()).hasSize(3);
            assertThat(gen.finish()).isEqualTo(Generator.FinishReason.LENGTH);
        }
    }

    @Test
    void aFileGivenAsTheFolderIsNamedAsAFile() {
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("model.safetensors")))
                .hasMessageContaining("model.safetensors is a file, not a checkpoint folder");
    }

    @Test
    void weightsLinkedToADeviceOrALoopAreNamed() throws IOException {
        Path weights = dir.resolve("model.safetensors");
        Files.delete(weights);
        Files.createSymbolicLink(weights, Path.of("/dev/zero"));
        assertThat(loadError()).contains("model.safetensors is not a regular file (a symbolic link to /dev/zero,"
                + " which is a device or other special file)");
        Files.delete(weights);
        Files.createSymbolicLink(weights, weights);
        assertThat(loadError()).contains("model.safetensors is not a regular file (a symbolic link to ")
                .contains("which does not exist or is a link loop");
    }
}
