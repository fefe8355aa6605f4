package dev.seat.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.cli.ExperimentCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A base whose tokenizer or chat format the experiment cannot use is refused before training, with the reason. */
class BaseCheckTest {
    private static final List<QaItem> ITEMS = List.of(new QaItem("c1", "Who signed the Wnzatj SAS contract?", "Ana Lopez.",
            List.of("Wnzatj SAS")));

    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void copyTheEmbeddedBase() throws Exception {
        Path tiny = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(tiny.resolve("model.safetensors")), tiny + " is absent: needs the embedded model");
        base = Files.createDirectories(dir.resolve("base"));
        try (Stream<Path> files = Files.list(tiny)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve(f.getFileName()));
            }
        }
    }

    private void chatTemplate(String template, boolean eosToken) {
        ObjectNode config = (ObjectNode) Json.read(base.resolve("tokenizer_config.json"));
        config.put("chat_template", template);
        if (!eosToken) {
            config.putNull("eos_token");
        }
        Json.write(base.resolve("tokenizer_config.json"), config);
    }

    @Test
    void theEmbeddedBaseIsUsable() {
        try (Checkpoint cp = Checkpoint.load(base)) {
            assertThatCode(() -> BaseCheck.refuseUnusable(cp, ITEMS)).doesNotThrowAnyException();
        }
    }

    @Test
    void aChatTemplateThatDropsTheQuestionIsRefused() {
        chatTemplate("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n<|im_end|>\\n' }}{% endfor %}"
                + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}", true);
        try (Checkpoint cp = Checkpoint.load(base)) {
            assertThatThrownBy(() -> BaseCheck.refuseUnusable(cp, ITEMS)).hasMessageContaining("without the question")
                    .hasMessageContaining(base.toString());
        }
    }

    @Test
    void anEndOfTurnThatNothingStopsAtIsRefused() {
        chatTemplate("{% for message in messages %}{{ '### ' + message['role'] + ': ' + message['content'] + ' ###END###' }}"
                + "{% endfor %}{% if add_generation_prompt %}{{ '### assistant: ' }}{% endif %}", false);
        try (Checkpoint cp = Checkpoint.load(base)) {
            assertThatThrownBy(() -> BaseCheck.refuseUnusable(cp, ITEMS)).hasMessageContaining("none of which stops generation");
        }
    }

    @Test
    void aBaseWithoutTokenizerIsRefused() throws Exception {
        Files.delete(base.resolve("tokenizer.json"));
        try (Checkpoint cp = Checkpoint.load(base)) {
            assertThatThrownBy(() -> BaseCheck.refuseUnusable(cp, ITEMS)).hasMessageContaining("has no tokenizer.json");
        }
    }

    @Test
    void theExperimentRefusesSuchABaseBeforeAnyRun() throws Exception {
        chatTemplate("{% for message in messages %}{{ message['role'] }}{% endfor %}"
                + "{% if add_generation_prompt %}{{ 'assistant:' }}{% endif %}", true);
        Path data = dir.resolve("qa.json");
        Files.writeString(data, Json.MAPPER.writeValueAsString(ITEMS));
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("table2", "--base", base.toString(), "--data", data.toString(), "--methods", "full",
                "--seeds", "0", "--sweep", "none", "--epochs", "1", "--no-idk-cs", "--results", dir.resolve("results").toString(),
                "--out", out.toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("without the question");
        assertThat(out.resolve("runs")).doesNotExist();
    }
}
