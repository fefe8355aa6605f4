package dev.seat.trainer;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import java.util.List;

/** Greedy chat answers to a list of questions (the way every seat evaluation asks). */
public final class ChatGeneration {
    private ChatGeneration() {}

    public static List<String> answer(Checkpoint cp, List<String> questions, int maxNewTokens, int batchSize) {
        List<long[]> prompts = questions.stream().map(cp::chatPrompt).toList();
        GenerationConfig cfg = GenerationConfig.greedy(maxNewTokens).withBatchSize(batchSize)
                .withStopStrings(cp.chatFormat().stopStrings());
        return new Generator(cp).generate(prompts, cfg).stream().map(Generator.Generation::text).toList();
    }
}
