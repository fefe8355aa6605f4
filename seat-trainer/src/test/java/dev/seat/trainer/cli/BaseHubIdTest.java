package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The trainer commands' {@code --base} takes a Hub id, found offline in a Hugging Face cache laid
 * out as Python's {@code huggingface_hub} leaves it (refs/main, snapshots/COMMIT/ links to blobs/).
 */
class BaseHubIdTest {
    static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("HF_HUB_CACHE");
        System.clearProperty("HF_HUB_OFFLINE");
    }

    Path pythonCache() throws IOException {
        Path repo = tmp.resolve("models--acme--tiny");
        Path snapshot = repo.resolve("snapshots/" + COMMIT);
        Files.createDirectories(snapshot);
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        try (Stream<Path> files = Files.list(RepoPaths.defaultCheckpoint())) {
            for (Path f : files.toList()) {
                Path blob = repo.resolve("blobs/" + f.getFileName() + "-blob");
                Files.copy(f, blob);
                Files.createSymbolicLink(snapshot.resolve(f.getFileName().toString()), Path.of("../../blobs").resolve(blob.getFileName()));
            }
        }
        System.setProperty("HF_HUB_CACHE", tmp.toString());
        System.setProperty("HF_HUB_OFFLINE", "1");
        return snapshot;
    }

    @Test
    void everyTrainerCommandTakesAHubIdAsBase() throws IOException {
        Path snapshot = pythonCache();

        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--base", "acme/tiny", "--data", "d.json", "--out", "o");
        assertThat(train.base).isEqualTo(snapshot);

        CollapseCheckCommand collapse = new CollapseCheckCommand();
        new CommandLine(collapse).parseArgs("--base", "acme/tiny@" + COMMIT, "--data", "d.json");
        assertThat(collapse.base).isEqualTo(snapshot);

        BenchTrainCommand bench = new BenchTrainCommand();
        new CommandLine(bench).parseArgs("--base", "acme/tiny@main");
        assertThat(bench.base).isEqualTo(snapshot);
    }

    @Test
    void dataOptionsTakeHubFiles() throws IOException {
        pythonCache();
        Path data = tmp.resolve("datasets--acme--qa/snapshots/" + COMMIT + "/data/train.json");
        Files.createDirectories(data.getParent());
        Files.writeString(data, "[{\"question\": \"q\", \"answer\": \"a\"}]");
        Files.createDirectories(tmp.resolve("datasets--acme--qa/refs"));
        Files.writeString(tmp.resolve("datasets--acme--qa/refs/main"), COMMIT);

        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--base", "acme/tiny", "--data", "hf://datasets/acme/qa/data/train.json", "--out", "o");
        assertThat(train.data).isEqualTo(data);

        BenchTrainCommand bench = new BenchTrainCommand();
        new CommandLine(bench).parseArgs("--base", "acme/tiny", "--data", "local.json");
        assertThat(bench.data).isEqualTo(Path.of("local.json"));
    }

    @Test
    void aLocalFolderStillWins() throws IOException {
        pythonCache();
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--base", tmp.toString(), "--data", "d.json", "--out", "o");
        assertThat(train.base).isEqualTo(tmp);
    }
}
