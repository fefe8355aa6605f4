package dev.seat.harness.cli;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that loads a checkpoint shares. */
public final class CheckpointOptions {
    @Option(names = "--checkpoint", paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "Hugging Face checkpoint folder, or a Hub model id fetched into the Hugging Face cache "
                    + "(default: the embedded models/tiny-base)")
    Path checkpoint;

    @Mixin
    DeviceOption device;

    @Option(names = "--chat-format", paramLabel = "NAME",
            description = "Override the checkpoint's chat template: a built-in layout (llama3, chatml, inst, plain) "
                    + "or template:NAME for one of its named templates")
    String chatFormat;

    @Option(names = "--fp32-on-gpu", description = "Keep float32 weights on GPU (default: float16)")
    boolean fp32OnGpu;

    public Path dir() {
        return checkpoint != null ? checkpoint : RepoPaths.defaultCheckpoint();
    }

    public Checkpoint load() {
        return Checkpoint.load(dir(), device.options(!fp32OnGpu).withChatFormat(chatFormat));
    }
}
