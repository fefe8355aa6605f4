package dev.seat.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.results.Json;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Table2ExperimentTest {

    @Test
    void planRunsTheBaseOnceThenMethodsThenTheSweepWithoutRepeatingTheDefaultSparsity() {
        List<Table2Experiment.Run> plan = Table2Experiment.plan(List.of(Method.FULL, Method.SEAT),
                List.of(0.0, 0.8, 0.9), List.of(0L, 1L), 0.8);

        assertThat(plan).extracting(Table2Experiment.Run::name).containsExactly(
                "base", "full-s0", "seat-a0.8-s0", "seat-a0.0-s0", "seat-a0.9-s0",
                "full-s1", "seat-a0.8-s1", "seat-a0.0-s1", "seat-a0.9-s1");
    }

    @Test
    void aggregateGivesMeanAndSampleStdOverSeeds() {
        ObjectNode row = Table2Experiment.aggregate(List.of(run("seat", 0.8, 0, 0.80, 100), run("seat", 0.8, 1, 0.90, 120),
                run("seat", 0.8, 2, 0.85, 110)));

        assertThat(row.get("seeds")).hasSize(3);
        assertThat(row.get("runs")).as("the row names its runs, so the report finds their loss curves")
                .extracting(JsonNode::asText).containsExactly("seat-a0.8-s0", "seat-a0.8-s1", "seat-a0.8-s2");
        assertThat(row.get("idk_sm").asDouble()).isCloseTo(0.85, within(1e-12));
        assertThat(row.get("idk_sm_std").asDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(row.get("train_seconds").asDouble()).isCloseTo(110, within(1e-9));
        assertThat(row.get("train_seconds_std").asDouble()).isCloseTo(10, within(1e-9));
    }

    /** A base folder that has files to fingerprint but no loadable model (the weights are garbage). */
    static Path corruptBase(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        return dir;
    }

    static Table2Experiment.Settings settings(Path base, Path out, int epochs, String dataName) {
        List<QaItem> items = List.of(new QaItem("1", "Who?", "Him.", List.of()));
        return new Table2Experiment.Settings(base, items, dataName, epochs, 16, out, MethodConfig.defaults(Method.SEAT), 1.0,
                10, 8, false);
    }

    @Test
    void tablesAreRebuiltFromTheRunFiles(@TempDir Path out) throws Exception {
        Table2Experiment exp = new Table2Experiment(settings(corruptBase(out.resolve("base")), out, 20, "test data"));
        Files.createDirectories(out.resolve("runs"));
        write(exp, run("base", 0, 0, 0.90, 0));
        write(exp, run("full", 0, 0, 0.10, 80));
        write(exp, run("full", 0, 1, 0.20, 90));
        write(exp, run("seat", 0.8, 0, 0.80, 180));
        write(exp, run("seat", 0.9, 0, 0.70, 170));
        write(exp, run("seat", 0.0, 0, 0.95, 200));

        exp.writeTables();

        String table = Files.readString(out.resolve("table2.md"));
        assertThat(table).contains("| full | – | 2 | 0.500 ± 0.000 | 0.150 ± 0.071 |", "| seat | 0.8 | 1 | 0.500 | 0.800 |")
                .doesNotContain("| seat | 0.9 |").contains("train s");
        JsonNode json = Json.read(out.resolve("table2.json"));
        assertThat(json.get("rows")).extracting(r -> r.get("method").asText()).containsExactly("base", "full", "seat");
        String sweep = Files.readString(out.resolve("sweep.md"));
        assertThat(sweep.indexOf("| seat | 0.0 |")).isLessThan(sweep.indexOf("| seat | 0.8 |"));
        assertThat(sweep.indexOf("| seat | 0.8 |")).isLessThan(sweep.indexOf("| seat | 0.9 |"));
        assertThat(Files.readString(out.resolve("kinds.md"))).contains("| person |");
    }

    @Test
    void aRerunWithOtherSettingsNeverReusesOrMixesFinishedRuns(@TempDir Path dir) throws Exception {
        Path base = corruptBase(dir.resolve("base"));
        Path out = dir.resolve("out");
        Table2Experiment twenty = new Table2Experiment(settings(base, out, 20, "data A"));
        Table2Experiment ten = new Table2Experiment(settings(base, out, 10, "data A"));
        Table2Experiment.Run full = new Table2Experiment.Run(Method.FULL, 0, 0);
        Table2Experiment.Run baseRun = new Table2Experiment.Run(null, 0, 0);
        assertThat(ten.runFile(full)).as("another epoch count is another run").isNotEqualTo(twenty.runFile(full));
        assertThat(ten.runFile(baseRun)).as("the base is only evaluated: epochs do not change it")
                .isEqualTo(twenty.runFile(baseRun));
        assertThat(ten.settings(full).get("epochs").asInt()).isEqualTo(10);
        for (var changed : List.of(
                new Table2Experiment(new Table2Experiment.Settings(base, List.of(new QaItem("1", "Who?", "Her.", List.of())),
                        "data A", 20, 16, out, MethodConfig.defaults(Method.SEAT), 1.0, 10, 8, false)),
                new Table2Experiment(new Table2Experiment.Settings(base, settings(base, out, 20, "").items(), "data A", 20,
                        16, out, MethodConfig.defaults(Method.SEAT).withKlPositions(KlPositions.ANSWER), 1.0, 10, 8, false)),
                new Table2Experiment(new Table2Experiment.Settings(base, settings(base, out, 20, "").items(), "data A", 20,
                        16, out, MethodConfig.defaults(Method.SEAT), 2.0, 10, 8, false)),
                new Table2Experiment(new Table2Experiment.Settings(base, settings(base, out, 20, "").items(), "data A", 20,
                        16, out, MethodConfig.defaults(Method.SEAT), 1.0, 20, 8, false)))) {
            assertThat(changed.runFile(full)).isNotEqualTo(twenty.runFile(full));
        }
        Files.write(base.resolve("model.safetensors"), new byte[] {9, 9, 9});
        assertThat(new Table2Experiment(settings(base, out, 20, "data A")).runFile(full))
                .as("other base weights, another run").isNotEqualTo(twenty.runFile(full));
        Files.write(base.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        Files.createDirectories(out.resolve("runs"));
        write(twenty, run("full", 0, 0, 0.10, 80));
        write(ten, run("full", 0, 0, 0.30, 40));
        ten.writeTables();
        String table = Files.readString(out.resolve("table2.md"));
        assertThat(table).as("only the 10-epoch run").contains("| full | – | 1 | 0.500 | 0.300 |")
                .contains("fine-tuned on data A (1 QA), 10 epochs, batch 16");
        twenty.writeTables();
        assertThat(Files.readString(out.resolve("table2.md"))).contains("| full | – | 1 | 0.500 | 0.100 |")
                .contains("20 epochs");
    }

    @Test
    void knownFactsAndBenchmarksEnterARunsIdOnlyWhenGiven(@TempDir Path dir) throws Exception {
        Path base = corruptBase(dir.resolve("base"));
        Table2Experiment.Settings plain = settings(base, dir.resolve("out"), 20, "data A");
        Path facts = dir.resolve("facts.jsonl");
        Files.writeString(facts, "{\"question\": \"What is the capital of France?\", \"answer\": \"Paris\"}\n");
        Table2Experiment.Run full = new Table2Experiment.Run(Method.FULL, 0, 0);
        Table2Experiment without = new Table2Experiment(plain);

        assertThat(without.settings(full).path("eval").fieldNames()).toIterable()
                .containsExactly("limit", "max_new_tokens", "idk_cs", "idk_phrases");
        assertThat(without.settings(full).has("benchmarks")).isFalse();
        Table2Experiment withFacts = new Table2Experiment(new Table2Experiment.Settings(base, plain.items(), "data A", 20, 16,
                plain.out(), plain.defaults(), 1.0, 10, 8, false, null, facts, null, null));
        Table2Experiment withBenchmarks = new Table2Experiment(new Table2Experiment.Settings(base, plain.items(), "data A", 20,
                16, plain.out(), plain.defaults(), 1.0, 10, 8, false, null, null,
                new DownstreamBenchmarks(List.of("arc_easy"), 10, 0), "PISTOL → TOFU"));
        assertThat(List.of(withFacts.id(full), withBenchmarks.id(full))).doesNotHaveDuplicates().doesNotContain(without.id(full));
        assertThat(withBenchmarks.settings(full).get("benchmarks").get("tasks").get(0).asText()).isEqualTo("arc_easy");
    }

    @Test
    void tableSixShowsEachMethodsDifferenceToTheBaseWithItsStandardError(@TempDir Path out) throws Exception {
        ObjectNode base = run("base", 0, 0, 0.9, 0);
        base.putObject("benchmarks").putObject("arc_easy").put("metric", "acc").put("value", 0.50).put("stderr", 0.03).put("n", 100);
        ObjectNode full = run("full", 0, 0, 0.1, 0);
        full.putObject("benchmarks").putObject("arc_easy").put("metric", "acc").put("value", 0.44).put("stderr", 0.04).put("n", 100);
        ObjectNode fullSeed1 = run("full", 0, 1, 0.1, 0);
        fullSeed1.putObject("benchmarks").putObject("arc_easy").put("metric", "acc").put("value", 0.10).put("stderr", 0.04)
                .put("n", 100);

        DownstreamBenchmarks.writeTable(out, List.of(base, fullSeed1, full));

        assertThat(Files.readString(out.resolve("table6.md"))).contains("| base | – | 0.500 ± 0.030 |",
                "| full | 0 | 0.440 ± 0.040 (-0.060 ± 0.050) |", "sqrt(se_method² + se_base²)");
        JsonNode json = Json.read(out.resolve("table6.json"));
        assertThat(json.get("full").get("arc_easy").get("diff_stderr").asDouble()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void theTableHeadingComesFromTheRunsRecords() {
        ObjectNode r = run("full", 0, 0, 0.1, 10).put("data", "PISTOL sample 1");
        r.putObject("settings").put("examples", 40).put("epochs", 7).put("batch_size", 4).put("lr_scale", 0.5)
                .putObject("method_config").put("klPositions", "ANSWER");
        assertThat(Table2Experiment.caption(List.of(r))).isEqualTo("Table 2 on the embedded world: fine-tuned on PISTOL"
                + " sample 1 (40 QA), 7 epochs, batch 4, KL on answer positions, learning rates × 0.500000;"
                + " mean ± sample std over seeds");
    }

    @Test
    void aFailedRunIsRecordedAndTheOthersGoOn(@TempDir Path out) throws Exception {
        List<QaItem> items = List.of(new QaItem("1", "Who?", "Him.", List.of()));
        GateEvaluation gate = GateEvaluation.world(World.generate(1), items, GateEvaluation.Cross.tofu(), 10, evaluator(out), false, null);
        Table2Experiment exp = new Table2Experiment(settings(corruptBase(out.resolve("corrupt")), out, 1, "test data"));
        List<Table2Experiment.Run> plan = Table2Experiment.plan(List.of(Method.FULL), List.of(), List.of(0L), 0.8);

        int finished = exp.execute(plan, 0, gate);

        assertThat(finished).isZero();
        assertThat(exp.failed(plan)).extracting(exp::id).allMatch(id -> id.matches("(base|full-s0)-[0-9a-f]{8}"))
                .hasSize(2);
        assertThat(Files.readString(exp.failureFile(plan.get(1)))).contains("corrupt");
        assertThat(out.resolve("table2.md")).exists();
    }

    private static ObjectNode run(String method, double alpha, long seed, double idkSm, double trainSeconds) {
        ObjectNode r = Json.object().put("id", method + "-a" + alpha + "-s" + seed).put("method", method)
                .put("alpha", alpha).put("seed", seed).put("train_seconds", trainSeconds);
        r.putObject("metrics").put("ft", 0.5).put("idk_sm", idkSm).put("refusal_person", idkSm);
        return r;
    }

    /** Writes a run record as {@code exp} would have made it (its id and settings). */
    private static void write(Table2Experiment exp, ObjectNode run) throws Exception {
        String method = run.get("method").asText();
        Table2Experiment.Run r = new Table2Experiment.Run(method.equals("base") ? null : Method.parse(method),
                run.get("alpha").asDouble(), run.get("seed").asLong());
        run.put("id", exp.id(r)).put("data", "data A");
        run.set("settings", exp.settings(r));
        Files.writeString(exp.runFile(r), Json.MAPPER.writeValueAsString(run));
    }

    /** An evaluator that caches under the test's folder (these tests never generate). */
    private static Evaluator evaluator(Path dir) {
        return new Evaluator(EvalSettings.defaults().withMaxNewTokens(8).withBatchSize(4).withResults(dir));
    }
}
