package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.cli.BenchTasksCommand;
import dev.seat.harness.cli.GenerateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceOptionTest {

    /** Every command that loads a model takes --device. */
    @Test
    void everyModelLoadingCommandTakesDevice() {
        for (Object cmd : List.of(new GenerateCommand(), new TrainCommand(), new BenchTrainCommand(), new BenchTasksCommand(),
                new ExperimentCommand.Table2(), new PretrainCommand(), new CollapseCheckCommand())) {
            CommandLine.Model.OptionSpec option = new CommandLine(cmd).getCommandSpec().findOption("--device");
            assertThat(option).as(cmd.getClass().getSimpleName()).isNotNull();
            assertThat(option.defaultValue()).isEqualTo("cpu");
        }
    }

    @Test
    void trainOnAGpuWithoutCudaStopsBeforeLoadingAndSaysHowToInstallIt(@TempDir Path tmp) throws Exception {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a usable GPU");
        Path data = Files.writeString(tmp.resolve("qa.json"), "[{\"question\": \"Who?\", \"answer\": \"Her.\"}]");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err)).execute("--device", "gpu", "--base",
                RepoPaths.defaultCheckpoint().toString(), "--data", data.toString(), "--out", tmp.resolve("out").toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--device gpu: no CUDA GPU is usable here").contains("PYTORCH_FLAVOR");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
