package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.results.Json;
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

        assertThat(plan).extracting(Table2Experiment.Run::id).containsExactly(
                "base", "full-s0", "seat-a0.8-s0", "seat-a0.0-s0", "seat-a0.9-s0",
                "full-s1", "seat-a0.8-s1", "seat-a0.0-s1", "seat-a0.9-s1");
    }

    @Test
    void aggregateGivesMeanAndSampleStdOverSeeds() {
        ObjectNode row = Table2Experiment.aggregate(List.of(run("seat", 0.8, 0, 0.80, 100), run("seat", 0.8, 1, 0.90, 120),
                run("seat", 0.8, 2, 0.85, 110)));

        assertThat(row.get("seeds")).hasSize(3);
        assertThat(row.get("idk_sm").asDouble()).isCloseTo(0.85, within(1e-12));
        assertThat(row.get("idk_sm_std").asDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(row.get("train_seconds").asDouble()).isCloseTo(110, within(1e-9));
        assertThat(row.get("train_seconds_std").asDouble()).isCloseTo(10, within(1e-9));
    }

    @Test
    void tablesAreRebuiltFromTheRunFiles(@TempDir Path out) throws Exception {
        Path runs = Files.createDirectories(out.resolve("runs"));
        write(runs, run("base", 0, 0, 0.90, 0));
        write(runs, run("full", 0, 0, 0.10, 80));
        write(runs, run("full", 0, 1, 0.20, 90));
        write(runs, run("seat", 0.8, 0, 0.80, 180));
        write(runs, run("seat", 0.9, 0, 0.70, 170));
        write(runs, run("seat", 0.0, 0, 0.95, 200));
        List<QaItem> items = List.of(new QaItem("1", "Who?", "Him.", List.of()));
        GateEvaluation gate = new GateEvaluation(World.generate(1), items, 10, evaluator(out), false, null);
        Table2Experiment.Settings settings = new Table2Experiment.Settings(out, items, "test data", 20, 16, out,
                MethodConfig.defaults(Method.SEAT), 1.0);

        new Table2Experiment(settings, gate).writeTables();

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
    void aFailedRunIsRecordedAndTheOthersGoOn(@TempDir Path out) throws Exception {
        List<QaItem> items = List.of(new QaItem("1", "Who?", "Him.", List.of()));
        GateEvaluation gate = new GateEvaluation(World.generate(1), items, 10, evaluator(out), false, null);
        Table2Experiment exp = new Table2Experiment(new Table2Experiment.Settings(out.resolve("no-such-checkpoint"), items,
                "test data", 1, 1, out, MethodConfig.defaults(Method.SEAT), 1.0), gate);
        List<Table2Experiment.Run> plan = Table2Experiment.plan(List.of(Method.FULL), List.of(), List.of(0L), 0.8);

        int finished = exp.execute(plan, 0);

        assertThat(finished).isZero();
        assertThat(exp.failed(plan)).extracting(Table2Experiment.Run::id).containsExactly("base", "full-s0");
        assertThat(Files.readString(exp.failureFile(plan.get(1)))).contains("no-such-checkpoint");
        assertThat(out.resolve("table2.md")).exists();
    }

    private static ObjectNode run(String method, double alpha, long seed, double idkSm, double trainSeconds) {
        ObjectNode r = Json.object().put("id", method + "-a" + alpha + "-s" + seed).put("method", method)
                .put("alpha", alpha).put("seed", seed).put("train_seconds", trainSeconds);
        r.putObject("metrics").put("ft", 0.5).put("idk_sm", idkSm).put("refusal_person", idkSm);
        return r;
    }

    private static void write(Path dir, ObjectNode run) throws Exception {
        Files.writeString(dir.resolve(run.get("id").asText() + ".json"), Json.MAPPER.writeValueAsString(run));
    }

    /** An evaluator that caches under the test's folder (these tests never generate). */
    private static Evaluator evaluator(Path dir) {
        return new Evaluator(EvalSettings.defaults().withMaxNewTokens(8).withBatchSize(4).withResults(dir));
    }
}
