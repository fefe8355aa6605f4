package dev.seat.trainer.cli;

import dev.seat.trainer.world.World;
import dev.seat.trainer.world.bpe.BpeVocabulary;
import dev.seat.trainer.world.bpe.ByteLevelBpeTrainer;
import dev.seat.trainer.world.bpe.TokenizerFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code world --seed N --out DIR [--tokenizer DIR]}: writes the synthetic world (train.jsonl and
 * the held-out sets) and, optionally, a byte-level BPE tokenizer trained on its corpus.
 */
@Command(name = "world", mixinStandardHelpOptions = true,
        description = "Generate the synthetic world (training corpus, held-out sets, contracts) and optionally its tokenizer.")
public final class WorldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1234", description = "Seed of the world (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Folder for train.jsonl, heldout_*.jsonl, contracts.jsonl, world.json.")
    Path out;

    @Option(names = "--tokenizer", description = "Also train a tokenizer on the corpus and write tokenizer.json, "
            + "tokenizer_config.json and special_tokens_map.json to this folder.")
    Path tokenizer;

    @Option(names = "--vocab-size", defaultValue = "2048", description = "Tokenizer vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--model-max-length", defaultValue = "512",
            description = "model_max_length written to tokenizer_config.json (default: ${DEFAULT-VALUE}).")
    int modelMaxLength;

    @Override
    public Integer call() {
        World world = World.generate(seed);
        world.writeTo(out);
        spec.commandLine().getOut().printf("world seed %d: %d training examples, %d held-out unknown, %d held-out known, "
                        + "%d held-out concepts, %d contract QA -> %s%n", seed, world.train().size(),
                world.heldOutUnknown().size(), world.heldOutKnown().size(), world.heldOutConcepts().size(),
                world.contracts().size(), out.toAbsolutePath());
        if (tokenizer != null) {
            long start = System.nanoTime();
            BpeVocabulary vocabulary = new ByteLevelBpeTrainer(vocabSize).train(world.chatTexts());
            TokenizerFiles.write(vocabulary, tokenizer, modelMaxLength);
            spec.commandLine().getOut().printf("tokenizer: %d tokens, %d merges, trained in %.1f s -> %s%n", vocabulary.size(),
                    vocabulary.merges().size(), (System.nanoTime() - start) / 1e9, tokenizer.toAbsolutePath());
        }
        return 0;
    }
}
