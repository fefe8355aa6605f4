package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.trainer.world.QaJsonl;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.bpe.TokenizerFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WorldCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheWorldAndItsTokenizer() {
        int exit = new CommandLine(new WorldCommand()).execute("--seed", "5", "--out", dir.toString(),
                "--tokenizer", dir.resolve("tokenizer").toString(), "--vocab-size", "600");
        assertThat(exit).isZero();
        for (String file : new String[] {World.TRAIN, World.HELD_OUT_UNKNOWN, World.HELD_OUT_KNOWN,
                World.HELD_OUT_CONCEPTS, World.CONTRACTS, World.SUMMARY}) {
            assertThat(dir.resolve(file)).isNotEmptyFile();
        }
        assertThat(QaJsonl.read(dir.resolve(World.TRAIN))).isEqualTo(World.generate(5).train());
        assertThat(dir.resolve("tokenizer").resolve(TokenizerFiles.TOKENIZER_JSON)).isNotEmptyFile();
        assertThat(dir.resolve("tokenizer").resolve(TokenizerFiles.TOKENIZER_CONFIG)).isNotEmptyFile();
    }

    @Test
    void requiresAnOutputFolder() {
        CommandLine cli = new CommandLine(new WorldCommand());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("--seed", "5")).isEqualTo(2);
    }
}
