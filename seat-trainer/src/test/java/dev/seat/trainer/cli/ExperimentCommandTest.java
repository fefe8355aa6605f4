package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code seat experiment table2 --dry-run} plans from files alone. */
class ExperimentCommandTest {

    @Test
    void aDryRunLoadsNoModel(@TempDir Path dir) throws Exception {
        Path tiny = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(tiny.resolve("training_config.json")), tiny + " is absent: dry-run test skipped");
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.copy(tiny.resolve("config.json"), base.resolve("config.json"));
        Files.copy(tiny.resolve("training_config.json"), base.resolve("training_config.json"));
        Files.write(base.resolve("model.safetensors"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}); // not loadable
        Path data = dir.resolve("qa.json");
        Files.writeString(data, "[{\"question\": \"Who signed the Wnzatj SAS contract?\", \"answer\": \"Ana.\"}]");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ExperimentCommand()).execute("table2", "--base", base.toString(), "--data",
                    data.toString(), "--out", dir.resolve("out").toString(), "--methods", "full,seat", "--seeds", "0",
                    "--sweep", "none", "--dry-run");
        } finally {
            System.setOut(stdout);
        }
        String plan = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; printed:%n%s", plan).isZero();
        assertThat(plan.lines()).hasSize(3).allMatch(l -> l.startsWith("to do "));
        assertThat(plan).containsPattern("to do base-[0-9a-f]{8}").containsPattern("to do seat-a0.8-s0-[0-9a-f]{8}");
    }
}
