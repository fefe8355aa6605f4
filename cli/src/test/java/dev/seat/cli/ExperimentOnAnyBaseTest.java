package dev.seat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVReader;
import com.opencsv.CSVWriter;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.DType;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.RunFolder;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.init.Architecture;
import dev.seat.trainer.init.CheckpointInit;
import dev.seat.trainer.world.World;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code seat experiment table2} end to end on a checkpoint that has no world: a randomly
 * initialised SmolLM2-135M cut to one layer of width 64 (its real vocabulary, tokenizer layout and
 * chat template), one epoch, four questions per set; then its kept answers through {@code seat
 * sheets export / ingest / report} and back into the table as IDK_HA.
 */
class ExperimentOnAnyBaseTest {
    @TempDir
    static Path dir;
    static Path base;
    static Path data;

    @BeforeAll
    static void writeSmallBase() throws Exception {
        Architecture smol = Architecture.named("SmolLM2-135M");
        ObjectNode config = smol.config(1).put("hidden_size", 64).put("intermediate_size", 128)
                .put("num_attention_heads", 4).put("num_key_value_heads", 2);
        base = dir.resolve("smol-cut");
        CheckpointInit.write(new Architecture(smol.name(), smol.source(), 1, config, smol.tokenizer()), base,
                CheckpointInit.Options.defaults().withDtype(DType.F32).withBpeVocab(512));
        List<QaItem> items = ExperimentData.contracts(World.generate(1).contracts().subList(0, 6));
        data = dir.resolve("contracts.json");
        Files.writeString(data, Json.MAPPER.writeValueAsString(items));
    }

    private record Result(int exit, String out, String err) {}

    private static Result seat(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Result table2(Path out) {
        return seat("experiment", "table2", "--base", base.toString(), "--data", data.toString(), "--methods", "full,seat",
                "--seeds", "0", "--sweep", "none", "--epochs", "1", "--batch-size", "4", "--eval-limit", "4",
                "--max-new-tokens", "6", "--no-idk-cs", "--results", dir.resolve("results").toString(), "--out", out.toString());
    }

    @Test
    void runsEndToEndKeepsItsAnswersAndTakesHumanLabelsBack() throws Exception {
        Path out = dir.resolve("table2");
        Result r = table2(out);
        assertThat(r.exit()).as("exit; stderr:%n%s", r.err()).isZero();

        String table = Files.readString(out.resolve("table2.md"));
        assertThat(table).startsWith("# Table 2 on smol-cut: fine-tuned on " + data + " (6 QA), 1 epochs, batch 4")
                .contains("| method | α | seeds | FT | IDK_SM | IDK_SM unseen | ", " retained | known refused | drift | train s |")
                .contains("| base | – | 1 |", "| full | – | 1 |", "| seat | 0.8 | 1 |")
                .doesNotContain("retained (novel)", "IDK_HA");

        List<Path> runs = runFolders(out);
        assertThat(runs).hasSize(3);
        for (Path run : runs) {
            RunFolder f = RunFolder.open(run);
            assertThat(f.manifest().has("finished")).isTrue();
            assertThat(f.datasets()).contains("ft", "unverifiable", "unseen", "factual");
            assertThat(f.readResponses("unverifiable")).hasSize(4)
                    .allSatisfy(a -> assertThat(a.metrics()).containsKey("idk_sm"));
            assertThat(f.readResponses("factual")).allSatisfy(a -> assertThat(a.metrics()).containsKey("rouge1_recall"));
        }

        String caseStudy = Files.readString(out.resolve("case-study.md"));
        String firstUnseen = RunFolder.open(runs.get(0)).readResponses("unseen").get(0).prompt();
        assertThat(caseStudy).contains("set `unseen`", "## 1. " + firstUnseen, "## 3. ").doesNotContain("## 4. ");
        assertThat(caseStudy.split("\\| seat \\|", -1)).as("a seat row per question").hasSize(4);
        assertThat(caseStudy.split("\\| base \\|", -1)).hasSize(4);

        Path base = runs.stream().filter(p -> p.getFileName().toString().startsWith("base-")).findFirst().orElseThrow();
        labelEveryAnswerARefusal(base, dir.resolve("export"));
        Result again = table2(out);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("0 new runs");
        assertThat(Files.readString(out.resolve("table2.md"))).contains("| FT | IDK_SM | IDK_HA | IDK_SM unseen |")
                .containsPattern("\\| base \\| – \\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| 1\\.000 \\|")
                .containsPattern("\\| full \\| – \\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| – \\|");
    }

    /** {@code seat sheets export} of the run's unverifiable answers, one annotator saying "refusal, on topic" to all, ingest, report. */
    private static void labelEveryAnswerARefusal(Path run, Path export) throws Exception {
        Result ex = seat("sheets", "export", "--runs", run.toString(), "--annotators", "1", "--seed", "7", "--dataset",
                "unverifiable", "--out", export.toString());
        assertThat(ex.exit()).as(ex.err()).isZero();
        assertThat(ex.out()).contains("4 items");
        Path sheet = export.resolve("annotators").resolve("sheet-A1.csv");
        List<String[]> rows;
        try (CSVReader reader = new CSVReader(Files.newBufferedReader(sheet, StandardCharsets.UTF_8))) {
            rows = reader.readAll();
        }
        assertThat(rows.get(0)).containsExactly("item_id", "question", "response", "refusal_outcome", "semantic_entailment",
                "comment");
        try (CSVWriter writer = new CSVWriter(Files.newBufferedWriter(sheet, StandardCharsets.UTF_8))) {
            writer.writeNext(rows.get(0));
            for (String[] row : rows.subList(1, rows.size())) {
                row[3] = "yes";
                row[4] = "yes";
                writer.writeNext(row);
            }
        }
        Path key = export.resolve("private").resolve("key.json");
        Result in = seat("sheets", "ingest", "--key", key.toString(), sheet.toString());
        assertThat(in.exit()).as(in.out() + in.err()).isZero();
        Result rep = seat("sheets", "report", "--key", key.toString());
        assertThat(rep.exit()).as(rep.out() + rep.err()).isZero();
        JsonNode metrics = Json.read(run.resolve("metrics.json"));
        assertThat(metrics.path("unverifiable").path("idk_ha").asDouble()).isEqualTo(1.0);
    }

    private static List<Path> runFolders(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve("runs"))) {
            return files.filter(Files::isDirectory).sorted().toList();
        }
    }
}
