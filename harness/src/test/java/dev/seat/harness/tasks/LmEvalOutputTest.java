package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.cli.BenchTasksCommand;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The files bench-tasks writes have lm-eval's layout and keys. */
class LmEvalOutputTest {

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(matches).as(prefix).hasSize(1);
            return matches.get(0);
        }
    }

    private static String[] withOut(List<String> args, Path out) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", out.toString()));
        return all.toArray(String[]::new);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void benchTasksWritesLmEvalShapedResultsAndSamples(@TempDir Path out) throws IOException {
        ScriptedModel model = new ScriptedModel(r -> -(double) r.continuation().length(), r -> " 18\n\n#### 18");
        StringWriter console = new StringWriter();
        CommandLine cli = new CommandLine(new BenchTasksCommand(checkpoint -> model));
        cli.setOut(new PrintWriter(console));
        List<String> args = List.of("--checkpoint", out.resolve("ckpt").toString(), "--tasks", "arc_easy,gsm8k", "--limit",
                "3", "--data-dir", SharedData.dir().toString(), "--results", out.resolve("cache").toString());
        int exit = cli.execute(withOut(args, out));
        assertThat(exit).as(console.toString()).isZero();
        assertThat(console.toString()).contains("arc_easy").contains("exact_match,strict-match=");

        // A second run replays every model output from the benchmark cache: the model is never asked.
        StringWriter again = new StringWriter();
        CommandLine rerun = new CommandLine(new BenchTasksCommand(checkpoint -> new ScriptedModel(
                r -> { throw new AssertionError("asked the model again"); },
                r -> { throw new AssertionError("asked the model again"); })));
        rerun.setOut(new PrintWriter(again));
        assertThat(rerun.execute(withOut(args, out.resolve("rerun")))).as(again.toString()).isZero();
        assertThat(again.toString().lines().filter(l -> !l.startsWith("Wrote")).toList())
                .isEqualTo(console.toString().lines().filter(l -> !l.startsWith("Wrote")).toList());

        Path resultsFile = only(out, "results_");
        assertThat(resultsFile.getFileName().toString()).matches("results_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{6}\\.json");
        JsonNode results = Json.read(resultsFile);
        JsonNode arc = results.at("/results/arc_easy");
        assertThat(arc.get("alias").asText()).isEqualTo("arc_easy");
        for (String key : List.of("acc,none", "acc_stderr,none", "acc_norm,none", "acc_norm_stderr,none")) {
            assertThat(arc.get(key)).as(key).isNotNull();
            assertThat(arc.get(key).isNumber()).as(key).isTrue();
        }
        JsonNode gsm = results.at("/results/gsm8k");
        // the scripted answer 18 is right only for document 0 (Janet's ducks): scores [1, 0, 0]
        assertThat(gsm.get("exact_match,strict-match").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(gsm.get("exact_match_stderr,strict-match").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(gsm.get("exact_match,flexible-extract").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(results.at("/versions/gsm8k").asDouble()).isEqualTo(3.0);
        assertThat(results.at("/n-shot/gsm8k").asInt()).isEqualTo(5);
        assertThat(results.at("/n-shot/arc_easy").asInt()).isZero();
        assertThat(results.at("/n-samples/arc_easy/original").asInt()).isEqualTo(2376);
        assertThat(results.at("/n-samples/arc_easy/effective").asInt()).isEqualTo(3);
        assertThat(results.at("/configs/arc_easy/doc_to_text").asText()).isEqualTo("Question: {{question}}\nAnswer:");
        assertThat(results.at("/configs/gsm8k/fewshot_source").asText()).contains("eval split");
        assertThat(results.at("/higher_is_better/arc_easy/acc").asBoolean()).isTrue();
        assertThat(results.at("/config/model_fingerprint").asText()).isEqualTo("scripted-test-model");
        assertThat(results.at("/config/limit").asInt()).isEqualTo(3);
        assertThat(results.get("model_fingerprint").asText()).isEqualTo("scripted-test-model");
        assertThat(results.at("/prompt_hashes/arc_easy").asText()).hasSize(64);
        assertThat(results.get("date").isNumber()).isTrue();

        List<JsonNode> arcSamples = lines(only(out, "samples_arc_easy_"));
        assertThat(arcSamples).hasSize(3);
        JsonNode s = arcSamples.get(0);
        assertThat(s.get("doc_id").asInt()).isZero();
        assertThat(s.at("/doc/answerKey").asText()).isEqualTo("A");
        assertThat(s.get("target").asInt()).isZero();
        String context = "Question: Which statement best explains why photosynthesis is the foundation of most food webs?\nAnswer:";
        assertThat(s.at("/arguments/gen_args_0/arg_0").asText()).isEqualTo(context);
        assertThat(s.at("/arguments/gen_args_0/arg_1").asText()).isEqualTo(" Sunlight is the source of energy for nearly all ecosystems.");
        assertThat(s.at("/arguments/gen_args_3")).isNotNull();
        assertThat(s.at("/resps/0/0").toString()).isEqualTo("[\"-60.0\",\"False\"]");
        assertThat(s.at("/filtered_resps/0").toString()).isEqualTo("[\"-60.0\",\"False\"]");
        assertThat(s.get("filter").asText()).isEqualTo("none");
        assertThat(s.get("metrics").toString()).isEqualTo("[\"acc\",\"acc_norm\"]");
        assertThat(s.get("prompt_hash").asText()).isEqualTo(Hashes.sha256(context));
        assertThat(s.get("target_hash").asText()).isEqualTo(Hashes.sha256("0"));
        assertThat(s.has("doc_hash")).isTrue();
        assertThat(s.get("acc").isNumber()).isTrue();
        assertThat(s.get("acc_norm").isNumber()).isTrue();

        List<JsonNode> gsmSamples = lines(only(out, "samples_gsm8k_"));
        assertThat(gsmSamples).hasSize(6);
        JsonNode g = gsmSamples.get(0);
        assertThat(g.at("/arguments/gen_args_0/arg_1/until").toString()).isEqualTo("[\"Question:\",\"</s>\",\"<|im_end|>\"]");
        assertThat(g.at("/resps/0/0").asText()).isEqualTo(" 18\n\n#### 18");
        assertThat(g.at("/filtered_resps/0").asText()).isEqualTo("18");
        assertThat(g.get("filter").asText()).isEqualTo("strict-match");
        assertThat(g.get("exact_match").asDouble()).isEqualTo(1.0);
        assertThat(gsmSamples.get(3).get("filter").asText()).isEqualTo("flexible-extract");
    }

    @Test
    void groupsAppearUnderResultsAndGroups() {
        BenchmarkResult run = SharedData.measure(ScriptedModel.scoring(c -> c.equals(" A") ? 0.0 : -1.0),
                List.of("mmlu_stem"), 2, 0);
        JsonNode results = LmEvalOutput.resultsJson(new LmEvalOutput.RunInfo("seat", "checkpoint=x", "fp", 2, "d"),
                run.tasks(), run.groups(), 1.0);
        assertThat(results.at("/results/mmlu_stem/acc,none").isNumber()).isTrue();
        assertThat(results.at("/groups/mmlu_stem/acc_stderr,none").isNumber()).isTrue();
        assertThat(results.at("/group_subtasks/mmlu_stem")).hasSize(19);
        assertThat(results.at("/results/mmlu_abstract_algebra/acc,none").isNumber()).isTrue();
    }

    @Test
    void unknownTaskFailsWithTheKnownNames(@TempDir Path out) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchTasksCommand(checkpoint -> ScriptedModel.scoring(c -> 0.0)));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--checkpoint", out.toString(), "--tasks", "arc_eazy", "--out", out.toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("Unknown task 'arc_eazy'").contains("arc_easy");
    }

    @Test
    void pythonFormsOfValues() {
        assertThat(PyFormat.floatStr(-60.0)).isEqualTo("-60.0");
        assertThat(PyFormat.floatStr(-1.5e-5)).isEqualTo("-1.5e-05");
        assertThat(PyFormat.floatStr(-0.0001)).isEqualTo("-0.0001");
        assertThat(PyFormat.floatStr(-12345.678)).isEqualTo("-12345.678");
        assertThat(PyFormat.str(Json.MAPPER.createArrayNode().add("Onion").add("it's"))).isEqualTo("['Onion', \"it's\"]");
        assertThat(PyFormat.jsonDumps(Json.object().put("a", "x\"y").set("b", Json.MAPPER.createArrayNode().add(1))))
                .isEqualTo("{\n  \"a\": \"x\\\"y\",\n  \"b\": [\n    1\n  ]\n}");
    }
}
