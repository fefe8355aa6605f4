package dev.seat.harness.model;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * Loads the weights of the checkpoint folder in {@code args[0]} on the CPU and prints the number
 * of parameters loaded: the child process of {@link WeightLoadingMemoryTest}, run under a small
 * {@code -Xmx}.
 */
public final class LoadWeights {
    private LoadWeights() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        try (DecoderLM model = DecoderLM.load(dir, config, Device.cpu(), false)) {
            long n = model.parameters().values().stream().mapToLong(a -> a.size()).sum();
            System.out.println("loaded " + n + " parameters");
        }
    }
}
