package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.trainer.TrainConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainCommandTest {

    @Test
    void theTrainCommandsFlagDefaultsAreTrainConfigs() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--base", "b", "--data", "d", "--out", "o");
        assertThat(cmd.batchSize).isEqualTo(TrainConfig.DEFAULT_BATCH_SIZE);
        assertThat(cmd.schedule).isEqualTo(TrainConfig.DEFAULT_SCHEDULE);
        assertThat(cmd.warmup).isEqualTo(TrainConfig.DEFAULT_WARMUP_RATIO);
        assertThat(cmd.weightDecay).isEqualTo(TrainConfig.DEFAULT_WEIGHT_DECAY);
        assertThat(cmd.clip).isEqualTo(TrainConfig.DEFAULT_CLIP_NORM);
        assertThat(new CommandLine(cmd).getUsageMessage()).contains("default: 16").contains("default: 0.05");
    }
}
