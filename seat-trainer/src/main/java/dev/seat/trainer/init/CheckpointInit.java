package dev.seat.trainer.init;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.results.Json;
import dev.seat.trainer.ModelInit;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.bpe.BpeVocabulary;
import dev.seat.trainer.world.bpe.ByteLevelBpeTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a randomly initialised Hugging Face checkpoint with a real model's architecture
 * ({@link Architecture}): its config.json (layer count optionally cut), weights drawn as
 * {@link ModelInit} draws them, saved by {@link CheckpointWriter} in the asked dtype and shard size,
 * and a tokenizer with the real model's ids and chat template ({@link TokenizerLayout}) whose
 * regular tokens are a byte-level BPE seat trains on its synthetic world's texts.
 */
public final class CheckpointInit {
    /**
     * @param layers hidden layers to write (null: the architecture's default)
     * @param bpeVocab regular tokens the BPE learns (bytes included; the rest of the ids are unused tokens)
     */
    public record Options(Integer layers, DType dtype, long maxShardBytes, long seed, int bpeVocab) {
        public static Options defaults() {
            return new Options(null, DType.BF16, CheckpointWriter.DEFAULT_SHARD_BYTES, 1, 4096);
        }

        public Options withLayers(Integer n) {
            return new Options(n, dtype, maxShardBytes, seed, bpeVocab);
        }

        public Options withBpeVocab(int n) {
            return new Options(layers, dtype, maxShardBytes, seed, n);
        }

        public Options withShardBytes(long n) {
            return new Options(layers, dtype, n, seed, bpeVocab);
        }

        public Options withDtype(DType d) {
            return new Options(layers, d, maxShardBytes, seed, bpeVocab);
        }
    }

    private CheckpointInit() {}

    /** Writes the checkpoint into {@code out} (replacing it) and returns its config. */
    public static ModelConfig write(Architecture arch, Path out, Options o) {
        ModelConfig config = ModelConfig.parse(Path.of(Architecture.TABLE + " " + arch.name()), arch.config(o.layers()));
        TokenizerLayout tokenizer = TokenizerLayout.of(trainBpe(o.bpeVocab(), o.seed()), arch.tokenizer());
        Map<String, String> files = new LinkedHashMap<>(tokenizer.files());
        List<Long> eos = new ArrayList<>();
        config.eosTokenIds().forEach(id -> eos.add((long) id));
        int pad = tokenizer.id(arch.tokenizer().pad());
        files.put("generation_config.json", Json.compact(CheckpointWriter.generationConfig(eos, pad >= 0 ? pad : eos.get(0))));
        files.put("README.md", card(arch, config, o));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = ModelInit.params(config, o.seed(), manager);
            CheckpointWriter.write(out, config, params, o.dtype(), o.maxShardBytes(), null, files);
        }
        return config;
    }

    /** The regular tokens: a byte-level BPE of {@code size} tokens learnt from the world of {@code seed}'s chat texts. */
    static BpeVocabulary trainBpe(int size, long seed) {
        World world = World.generate(seed);
        // the trainer's own specials (ChatML) keep the chat markers out of the merges; the layout drops them
        return new ByteLevelBpeTrainer(size + dev.seat.trainer.world.ChatMl.SPECIAL_TOKENS.size()).train(world.chatTexts());
    }

    private static String card(Architecture arch, ModelConfig c, Options o) {
        return String.format(Locale.ROOT, """
                # Random %s-shaped checkpoint (untrained)

                Written by `seat init --like %s`: the architecture of %s with random weights (N(0, %s), norms 1,
                biases 0; seed %d), %d of its %d layers, %,d parameters, %s. It knows nothing; it exists to test
                loading, memory and speed at a real model's shape.

                Tokenizer: the real model's %d ids and special tokens at their ids, with its chat template; the
                regular tokens are a byte-level BPE of %d tokens seat trained on its synthetic world, the other ids
                are unused tokens (`<|unused_ID|>`).
                """, arch.name(), arch.name(), arch.source(), c.raw().path("initializer_range").asText("0.02"), o.seed(),
                c.numLayers(), arch.realLayers(), c.parameterCount(), o.dtype(), arch.tokenizer().size(), o.bpeVocab());
    }
}
