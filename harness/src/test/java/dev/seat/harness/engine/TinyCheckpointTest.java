package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import dev.seat.harness.text.ChatFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test checkpoint loads, tokenizes ChatML round-trip and generates. */
class TinyCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void loadsTokenizesAndGenerates() {
        try (Checkpoint c = Checkpoint.load(TinyCheckpoint.write(tmp.resolve("tiny"), 7))) {
            assertThat(c.chatFormat().family()).isEqualTo(ChatFormat.Family.CHATML);
            String prompt = c.chatFormat().prompt("Who is Zorvan Quill?");
            long[] ids = c.tokenizer().encode(prompt);
            assertThat(ids[0]).isEqualTo(257); // <|im_start|> as one token
            assertThat(c.tokenizer().decode(c.tokenizer().encode("héllo wörld"))).isEqualTo("héllo wörld");
            assertThat(c.stopIds()).contains((long) TinyCheckpoint.IM_END);
            List<Generator.Generation> out = new Generator(c).generate(List.of(ids), GenerationConfig.greedy(8));
            assertThat(out).hasSize(1);
        }
    }
}
