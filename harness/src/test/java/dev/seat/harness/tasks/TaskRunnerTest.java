package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.model.LanguageModel.GenerationRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner on real documents with a scripted model: one model call per task, metrics as defined. */
class TaskRunnerTest {
    private static final TaskRegistry REGISTRY = TaskRegistry.builtins();

    /** ll = −len(continuation): acc picks the shortest choice, acc_norm (−(len+1)/len) the longest. */
    @Test
    void multipleChoiceSendsOneBatchAndScoresAccAndAccNorm() {
        ScriptedModel model = ScriptedModel.scoring(c -> -(double) c.length());
        TaskDefinition def = REGISTRY.task("arc_easy");
        TaskResult r = SharedData.runner().evaluate(model, def, 20, null);

        assertThat(model.loglikCalls).hasSize(1);
        assertThat(model.loglikCalls.get(0)).hasSize(80);
        assertThat(model.loglikCalls.get(0).get(0).continuation()).startsWith(" Sunlight");

        List<Double> acc = new ArrayList<>();
        List<Double> accNorm = new ArrayList<>();
        for (SampleRecord s : r.samples()) {
            List<String> choices = def.choices(s.doc());
            int gold = def.goldIndex(s.doc(), choices);
            int shortest = 0;
            int longest = 0;
            for (int i = 1; i < choices.size(); i++) {
                shortest = choices.get(i).length() < choices.get(shortest).length() ? i : shortest;
                longest = choices.get(i).length() > choices.get(longest).length() ? i : longest;
            }
            acc.add(gold == shortest ? 1.0 : 0.0);
            accNorm.add(gold == longest ? 1.0 : 0.0);
            assertThat(s.metrics()).containsEntry("acc", acc.get(acc.size() - 1)).containsEntry("acc_norm", accNorm.get(accNorm.size() - 1));
        }
        assertThat(acc).isNotEqualTo(accNorm);
        assertThat(r.metric("acc").value()).isCloseTo(Stats.mean(acc), within(1e-12));
        assertThat(r.metric("acc_norm").value()).isCloseTo(Stats.mean(accNorm), within(1e-12));
        assertThat(r.metric("acc").stderr()).isCloseTo(Stats.meanStderr(acc), within(1e-12));
        assertThat(r.originalSize()).isEqualTo(2376);
        assertThat(r.effectiveSize()).isEqualTo(20);
        assertThat(r.scoredTokens()).isPositive();
    }

    @Test
    void truthfulqaMc2ReportsTheTrueMassAsAcc() {
        // every answer gets ll = −len/10, so the expected MC2 is computable from the texts alone
        ScriptedModel model = ScriptedModel.scoring(c -> -c.length() / 10.0);
        TaskResult r = SharedData.runner().evaluate(model, REGISTRY.task("truthfulqa_mc2"), 3, null);
        assertThat(model.loglikCalls).hasSize(1);
        double sum = 0;
        for (SampleRecord s : r.samples()) {
            JsonNode t = s.doc().get("mc2_targets");
            double all = 0;
            double truthful = 0;
            boolean stillTrue = true;
            for (int i = 0; i < t.get("choices").size(); i++) {
                double p = Math.exp(-(1 + t.get("choices").get(i).asText().length()) / 10.0);
                stillTrue &= t.get("labels").get(i).asInt() == 1;
                all += p;
                truthful += stillTrue ? p : 0;
            }
            assertThat(s.metrics().get("acc")).isCloseTo(truthful / all, within(1e-12));
            sum += truthful / all;
        }
        assertThat(r.metric("acc").value()).isCloseTo(sum / 3, within(1e-12));
    }

    @Test
    void gsm8kScoresEachFilterOnOneGenerationBatch() {
        List<GenerationRequest> seen = new ArrayList<>();
        ScriptedModel model = ScriptedModel.generating(req -> {
            seen.add(req);
            return req.context().endsWith("make every day at the farmers' market?\nAnswer:")
                    ? " Janet sells 16 - 3 - 4 = 9 duck eggs a day.\nShe makes 9 * 2 = $18 every day.\n#### 18"
                    : " It takes 2/2 = 1 bolt of white fiber, so 2 + 1 = 3 bolts. The answer is 3.";
        });
        TaskResult r = SharedData.runner().evaluate(model, REGISTRY.task("gsm8k"), 2, null);
        assertThat(model.generateCalls).hasSize(1);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).until()).containsExactly("Question:", "</s>", "<|im_end|>");
        assertThat(seen.get(0).maxNewTokens()).isEqualTo(256);
        assertThat(r.metric("exact_match", "strict-match").value()).isEqualTo(0.5);
        assertThat(r.metric("exact_match", "flexible-extract").value()).isEqualTo(1.0);
        assertThat(r.samples()).extracting(SampleRecord::filter)
                .containsExactly("strict-match", "strict-match", "flexible-extract", "flexible-extract");
        assertThat(r.samples().get(1).filtered()).isEqualTo("[invalid]");
        assertThat(r.samples().get(3).filtered()).isEqualTo("3.");
    }

    @Test
    void mmluGroupsAreSizeWeighted() {
        ScriptedModel model = ScriptedModel.scoring(c -> c.equals(" B") ? -1.0 : -2.0);
        TaskRegistry.Selection selection = REGISTRY.select(List.of("mmlu"));
        assertThat(selection.groups()).extracting(TaskGroup::name)
                .containsExactly("mmlu_stem", "mmlu_other", "mmlu_social_sciences", "mmlu_humanities", "mmlu");
        BenchmarkResult run = SharedData.measure(model, List.of("mmlu"), 3, 0);
        assertThat(run.tasks()).hasSize(57);
        List<Double> all = new ArrayList<>();
        for (TaskResult t : run.tasks()) {
            for (SampleRecord s : t.samples()) {
                all.add(s.doc().get("answer").asInt() == 1 ? 1.0 : 0.0);
                assertThat(s.metrics().get("acc")).isEqualTo(all.get(all.size() - 1));
            }
        }
        GroupResult mmlu = run.groups().get(4);
        assertThat(mmlu.name()).isEqualTo("mmlu");
        TaskMetric acc = mmlu.metrics().get("none").get("acc");
        assertThat(acc.n()).isEqualTo(171);
        assertThat(acc.value()).isCloseTo(Stats.mean(all), within(1e-12));
        assertThat(acc.stderr()).isBetween(0.0, 0.1);
        GroupResult stem = run.groups().get(0);
        assertThat(stem.members()).hasSize(19).contains("mmlu_abstract_algebra", "mmlu_machine_learning");
    }

    @Test
    void fewshotExamplesComeFromTheFewshotFileWhenPresent() {
        PreparedTask p = SharedData.runner().prepare(REGISTRY.task("mmlu_anatomy"), 2, 1);
        ObjectNode firstDev = DocFormats.get("mmlu").load(SharedData.dir().resolve("mmlu/dev/anatomy_dev.csv"), null).get(0);
        assertThat(p.contexts()).allSatisfy(c -> assertThat(c).contains(firstDev.get("question").asText().strip()));
    }
}
