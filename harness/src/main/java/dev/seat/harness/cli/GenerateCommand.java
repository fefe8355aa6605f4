package dev.seat.harness.cli;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat generate}: one answer from a checkpoint, chat-formatted or from raw token ids. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a continuation: --prompt is chat-formatted with the checkpoint's template, "
                + "--input-ids is fed as is.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOptions checkpoint;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "A user message (chat-formatted)")
        String prompt;

        @Option(names = "--input-ids", paramLabel = "IDS", split = ",", description = "Raw token ids, e.g. 1,2,3")
        long[] inputIds;
    }

    @Option(names = "--max-new-tokens", defaultValue = "48", description = "default: ${DEFAULT-VALUE}")
    int maxNewTokens;

    @Option(names = "--greedy", description = "Greedy decoding (the default unless --temperature is given)")
    boolean greedy;

    @Option(names = "--temperature", description = "Sample with this temperature")
    Float temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (default: ${DEFAULT-VALUE})")
    float topP;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        try (Checkpoint cp = checkpoint.load()) {
            GenerationConfig cfg = GenerationConfig.greedy(maxNewTokens).withBatchSize(1);
            if (temperature != null && !greedy) {
                cfg = cfg.sampling(temperature, topP, seed);
            }
            long[] ids;
            if (input.prompt != null) {
                ids = cp.chatPrompt(input.prompt);
                cfg = cfg.withStopStrings(cp.chatFormat().stopStrings());
            } else {
                ids = input.inputIds;
                cp.config().checkTokens("--input-ids", ids, true);
            }
            Generator.Generation g = new Generator(cp).generate(List.of(ids), cfg).get(0);
            if (g.text() != null) {
                spec.commandLine().getOut().println(g.text());
            }
            spec.commandLine().getErr().println("tokens: " + Arrays.toString(g.tokens()) + " (" + g.finish().name().toLowerCase() + ")");
            return 0;
        }
    }
}
