package dev.seat.harness.cli;

import dev.seat.harness.hub.CheckpointFiles;
import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubId;
import dev.seat.harness.hub.RepoType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seat pull}: fetches a model or dataset from the Hugging Face Hub into the Hugging Face
 * cache (the one Python's {@code huggingface_hub} uses) and prints its snapshot folder.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download a Hub model (the files a checkpoint needs: config, tokenizer, safetensors) or dataset "
                + "into the Hugging Face cache (HF_HUB_CACHE / HF_HOME) and print its folder.")
public final class PullCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORG/NAME[@REV]", description = "A Hub repository id, e.g. Qwen/Qwen2.5-0.5B-Instruct")
    private String id;

    @Option(names = "--revision", paramLabel = "REV", description = "Branch, tag or commit (default: main, or the @REV of the id)")
    private String revision;

    @Option(names = "--repo-type", paramLabel = "TYPE", defaultValue = "model",
            description = "model or dataset (default: ${DEFAULT-VALUE})")
    private String repoType;

    @Option(names = "--include", paramLabel = "GLOB", split = ",",
            description = "Only files matching these globs (default: a model's checkpoint files, all of a dataset's files)")
    private List<String> include = new ArrayList<>();

    @Override
    public Integer call() {
        HubId hubId = HubId.parse(id, RepoType.parse(repoType), revision);
        Hub hub = Hub.fromEnvironment();
        Path snapshot;
        if (!include.isEmpty()) {
            snapshot = hub.snapshot(hubId, Hub.matching(include));
        } else if (hubId.type() == RepoType.MODEL) {
            snapshot = hub.snapshot(hubId, CheckpointFiles::wanted, CheckpointFiles::check);
        } else {
            snapshot = hub.snapshot(hubId, f -> !f.startsWith("."));
        }
        spec.commandLine().getOut().println(snapshot);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
