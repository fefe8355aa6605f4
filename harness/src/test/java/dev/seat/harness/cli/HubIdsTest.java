package dev.seat.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.hub.FakeHub;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Hub ids where a checkpoint folder is accepted, and {@code seat pull}, against a {@link FakeHub}. */
class HubIdsTest {
    static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;
    FakeHub fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeHub();
        fake.add("acme/tiny", COMMIT, FakeHub.tinyBaseFiles(), null);
        fake.asTheHub(tmp.resolve("hub"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Path snapshot() {
        return tmp.resolve("hub/models--acme--tiny/snapshots/" + COMMIT);
    }

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        CheckpointOptions checkpoint;

        @Override
        public void run() {}
    }

    @Test
    void checkpointOptionsTakeAHubId() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--checkpoint", "acme/tiny@main");

        assertThat(probe.checkpoint.dir()).isEqualTo(snapshot());
        assertThat(snapshot().resolve("model.safetensors")).exists();
    }

    @Test
    void benchTasksTakesAHubId() {
        AtomicReference<Path> opened = new AtomicReference<>();
        Function<Path, dev.seat.harness.model.LanguageModel> factory = dir -> {
            opened.set(dir);
            throw new IllegalStateException("stop here");
        };
        int code = new CommandLine(new BenchTasksCommand(factory)).setErr(new PrintWriter(new StringWriter()))
                .execute("--checkpoint", "acme/tiny", "--tasks", "arc_easy", "--data-dir", tmp.toString());

        assertThat(code).isNotZero();
        assertThat(opened.get()).isEqualTo(snapshot());
    }

    @Test
    void offlineWithoutTheModelTheCommandSaysWhatToDo() {
        System.setProperty("HF_HUB_OFFLINE", "1");
        StringWriter err = new StringWriter();

        int code = new CommandLine(new Probe()).setErr(new PrintWriter(err)).execute("--checkpoint", "acme/tiny");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'acme/tiny' is no local folder, and as a Hub id: acme/tiny@main is not in "
                + "the Hugging Face cache").contains("./seat pull acme/tiny");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void pullFetchesModelsAndDatasetsIntoTheCacheAndPrintsTheFolder() throws IOException {
        StringWriter out = new StringWriter();
        assertThat(new CommandLine(new PullCommand()).setOut(new PrintWriter(out)).execute("acme/tiny")).isZero();
        assertThat(out.toString().strip()).isEqualTo(snapshot().toString());
        assertThat(snapshot().resolve("pytorch_model.bin")).doesNotExist();

        fake.add("datasets/acme/qa", COMMIT, Map.of("data/test.jsonl", "{\"q\": 1}\n".getBytes(),
                "data/train.jsonl", "{\"q\": 2}\n".getBytes(), "README.md", "# qa".getBytes()), null);
        StringWriter out2 = new StringWriter();
        assertThat(new CommandLine(new PullCommand()).setOut(new PrintWriter(out2))
                .execute("acme/qa", "--repo-type", "dataset", "--include", "data/test*")).isZero();
        Path data = tmp.resolve("hub/datasets--acme--qa/snapshots/" + COMMIT);
        assertThat(out2.toString().strip()).isEqualTo(data.toString());
        assertThat(Files.readString(data.resolve("data/test.jsonl"))).isEqualTo("{\"q\": 1}\n");
        assertThat(data.resolve("data/train.jsonl")).doesNotExist();
        assertThat(data.resolve("README.md")).doesNotExist();
    }
}
