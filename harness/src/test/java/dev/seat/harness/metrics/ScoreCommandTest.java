package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.cli.ScoreCommand;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {
    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {}

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ScoreCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void scoresStringMatchAndRougeWithoutAModel() throws IOException {
        Path f = write("r.jsonl", """
                {"prediction": "I apologize, but I couldn’t find any information on a person named Jaime Vasquez.", "reference": "Jaime Vasquez was born in 1983."}
                {"prediction": "He was born in 1983.", "reference": "Jaime Vasquez was born in 1983."}

                {"prediction": "Paris"}
                """);
        Outcome o = run("--responses", f.toString(), "--metrics", "idk_sm,rouge1,rougeL");
        assertThat(o.err()).isEmpty();
        assertThat(o.exit()).isZero();
        JsonNode m = Json.MAPPER.readTree(o.out()).get("metrics");
        assertThat(m.get("idk_sm").get("mean").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("idk_sm").get("n").asInt()).isEqualTo(3);
        assertThat(m.get("idk_sm").get("stderr").asDouble()).isCloseTo(Math.sqrt(1.0 / 3) / Math.sqrt(3), within(1e-12));
        assertThat(m.get("idk_sm").get("phrases").asText()).isEqualTo("seat-idk-phrases v2");
        // rouge1 recall against the 6 reference tokens, compared with the library directly
        Rouge rouge = new Rouge();
        double r0 = rouge.rouge1("Jaime Vasquez was born in 1983.",
                "I apologize, but I couldn’t find any information on a person named Jaime Vasquez.").recall();
        double r1 = rouge.rouge1("Jaime Vasquez was born in 1983.", "He was born in 1983.").recall();
        assertThat(r1).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.get("rouge1").get("mean").asDouble()).isCloseTo((r0 + r1) / 2, within(1e-12));
        assertThat(m.get("rouge1").get("n").asInt()).isEqualTo(2);
        assertThat(m.get("rouge1").get("rows_without_reference").asInt()).isEqualTo(1);
        assertThat(m.has("rougeL")).isTrue();
        assertThat(m.has("idk_cs")).isFalse();
    }

    @Test
    void readsSeatsOwnResponseFiles() throws IOException {
        RunFolder run = RunFolder.create(dir.resolve("run"));
        run.writeResponses("unverifiable", List.of(
                new ResponseRecord("0", "Who is Jaime Vasquez?", "I don't know who that is.", null, Map.of()),
                new ResponseRecord("1", "Where was he born?", "Madrid.", null, Map.of())));
        Outcome o = run("--responses", run.responsesFile("unverifiable").toString(), "--metrics", "idk_sm");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(Json.MAPPER.readTree(o.out()).at("/metrics/idk_sm/mean").asDouble()).isEqualTo(0.5);
    }

    @Test
    void idkCosineWithThePaperPhrases() throws IOException {
        Path phrases = SharedData.require("datasets/lunar/idontknow.json");
        Path f = write("r.jsonl", """
                {"prediction": "I don't know."}
                {"prediction": "Jaime Vasquez was born in 1983 in Madrid."}
                """);
        Outcome o = run("--responses", f.toString(), "--metrics", "idk_cs", "--references", phrases.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        JsonNode cs = Json.MAPPER.readTree(o.out()).at("/metrics/idk_cs");
        assertThat(cs.get("n").asInt()).isEqualTo(2);
        // about (0.96 + 0.35) / 2
        assertThat(cs.get("mean").asDouble()).isBetween(0.60, 0.72);
        assertThat(cs.get("references").asText()).startsWith("idontknow.json@sha256:");
        assertThat(cs.get("embedder").asText()).startsWith("bge-small-en-v1.5 cls");
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path f = write("bad.jsonl", """
                {"prediction": "I don't know."}
                {"prediction": "Paris", "reference": "Paris"
                """);
        Outcome o = run("--responses", f.toString(), "--metrics", "idk_sm");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains(f.toString() + " line 2: not valid JSON").doesNotContain("at dev.seat");
        assertThat(o.err().strip().lines()).hasSize(1);
    }

    @Test
    void rowWithoutPredictionOrWithWrongTypesIsRejected() throws IOException {
        Path missing = write("missing.jsonl", "{\"prediction\": \"x\"}\n{\"answer\": \"Paris\"}\n");
        Outcome o = run("--responses", missing.toString(), "--metrics", "idk_sm");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains(missing + " line 2: missing \"prediction\" (or \"response\")");

        Path wrongType = write("type.jsonl", "{\"prediction\": 42}\n");
        o = run("--responses", wrongType.toString(), "--metrics", "idk_sm");
        assertThat(o.err()).contains(wrongType + " line 1: \"prediction\" is 42, expected a string");
    }

    @Test
    void unknownMetricMissingReferencesAndMissingFileExitWith2() throws IOException {
        Path f = write("r.jsonl", "{\"prediction\": \"Paris\"}\n");
        Outcome unknown = run("--responses", f.toString(), "--metrics", "idk_sm,bleu");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown metric 'bleu'").contains("idk_sm, idk_cs, rouge1, rougeL");

        Outcome noRefs = run("--responses", f.toString(), "--metrics", "rouge1");
        assertThat(noRefs.exit()).isEqualTo(2);
        assertThat(noRefs.err()).contains("rouge1 needs a \"reference\"");

        Outcome noFile = run("--responses", dir.resolve("nope.jsonl").toString(), "--metrics", "idk_sm");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("nope.jsonl: no such file");
    }

    @Test
    void defaultMetricsSkipRougeWhenNoRowHasAReference() throws IOException {
        Path f = write("r.jsonl", "{\"response\": \"Beats me.\"}\n");
        Outcome o = run("--responses", f.toString(), "--phrases", write("p.txt", "beats me\n").toString());
        assertThat(o.exit()).as(o.err()).isZero();
        JsonNode m = Json.MAPPER.readTree(o.out()).get("metrics");
        assertThat(m.has("rouge1")).isFalse();
        assertThat(m.at("/idk_sm/mean").asDouble()).isEqualTo(1.0);
        assertThat(m.at("/idk_cs/n").asInt()).isEqualTo(1);
        assertThat(m.at("/idk_cs/references").asText()).contains("seat-idk-references v1");
        try (OnnxSentenceEmbedder embedder = OnnxSentenceEmbedder.bgeSmallEnV15()) {
            double expected = IdkCosine.withDefaultReferences(embedder).score("Beats me.");
            assertThat(m.at("/idk_cs/mean").asDouble()).as("IDK_CS of the one response, as the library scores it")
                    .isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void phraseFilesReplaceOrExtendTheList() throws IOException {
        Path f = write("r.jsonl", "{\"prediction\": \"Beats me.\"}\n{\"prediction\": \"I don't know.\"}\n");
        Path mine = write("mine.txt", "beats me\n");
        assertThat(Json.MAPPER.readTree(run("--responses", f.toString(), "--metrics", "idk_sm",
                "--phrases", mine.toString()).out()).at("/metrics/idk_sm/mean").asDouble()).isEqualTo(0.5);
        assertThat(Json.MAPPER.readTree(run("--responses", f.toString(), "--metrics", "idk_sm",
                "--extra-phrases", mine.toString()).out()).at("/metrics/idk_sm/mean").asDouble()).isEqualTo(1.0);
        assertThat(Json.MAPPER.readTree(run("--responses", f.toString(), "--metrics", "idk_sm").out())
                .at("/metrics/idk_sm/mean").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aResponseLongerThanJacksonsDefaultLimitIsScored() throws IOException {
        String longAnswer = "I don't know. " + "word ".repeat(5_000_000); // 25M characters on one line
        Path f = write("long.jsonl", "{\"prediction\": \"" + longAnswer + "\"}\n{\"prediction\": \"Paris\"}\n");
        Outcome o = run("--responses", f.toString(), "--metrics", "idk_sm");
        assertThat(o.err()).isEmpty();
        assertThat(o.exit()).isZero();
        JsonNode m = Json.MAPPER.readTree(o.out()).get("metrics");
        assertThat(m.get("idk_sm").get("n").asInt()).isEqualTo(2);
    }
}
