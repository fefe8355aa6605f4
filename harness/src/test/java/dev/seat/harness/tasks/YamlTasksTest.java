package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.eval.BenchmarkResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lm-eval task YAMLs (written here in the shape of lm-eval's own files) run as lm-eval reads them. */
class YamlTasksTest {
    /** arc_easy as lm-eval's arc_easy.yaml defines it, split over a base file and an include. */
    static final String ARC_BASE = """
            tag:
              - my_arc
            dataset_path: allenai/ai2_arc
            output_type: multiple_choice
            training_split: train
            validation_split: validation
            test_split: test
            doc_to_text: "Question: {{question}}\\nAnswer:"
            doc_to_target: "{{choices.label.index(answerKey)}}"
            doc_to_choice: "{{choices.text}}"
            should_decontaminate: true
            doc_to_decontamination_query: "Question: {{question}}\\nAnswer:"
            metric_list:
              - metric: acc
                aggregation: mean
                higher_is_better: true
              - metric: acc_norm
                aggregation: mean
                higher_is_better: true
            metadata:
              version: 1.0
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path arcFiles() throws IOException {
        write("arc/_arc_base.yaml", ARC_BASE);
        write("arc/arc_challenge_yaml.yaml", "include: _arc_base.yaml\ntask: arc_challenge_yaml\ndataset_name: ARC-Challenge\n");
        return write("arc/arc_easy_yaml.yaml", "include: _arc_base.yaml\ntask: arc_easy_yaml\ndataset_name: ARC-Easy\n");
    }

    @Test
    void arcEasyAsYamlGivesTheBuiltInPromptsAndScores() throws IOException {
        Path yaml = arcFiles();
        TaskRegistry registry = TaskRegistry.builtins();
        TaskDefinition fromYaml = registry.task(registry.addYaml(yaml).get(0));
        TaskDefinition builtIn = registry.task("arc_easy");

        PreparedTask a = SharedData.runner().prepare(fromYaml, 200, 0);
        PreparedTask b = SharedData.runner().prepare(builtIn, 200, 0);
        assertThat(a.contexts()).isEqualTo(b.contexts());
        assertThat(a.originalSize()).isEqualTo(2376);
        for (int i = 0; i < a.docs().size(); i++) {
            List<String> choices = fromYaml.choices(a.docs().get(i));
            assertThat(choices).isEqualTo(builtIn.choices(b.docs().get(i)));
            assertThat(fromYaml.goldIndex(a.docs().get(i), choices)).isEqualTo(builtIn.goldIndex(b.docs().get(i), choices));
        }

        ScriptedModel model = ScriptedModel.scoring(c -> -(double) c.length());
        BenchmarkEvaluator evaluator = new BenchmarkEvaluator(registry, DataLocator.of(SharedData.dir()));
        BenchmarkResult r = evaluator.measure(model, "scripted", List.of(yaml.toString(), "arc_easy"), 200, 0, Optional.empty());
        TaskResult y = r.tasks().get(0);
        TaskResult t = r.tasks().get(1);
        assertThat(y.task()).isEqualTo("arc_easy_yaml");
        for (String metric : List.of("acc", "acc_norm")) {
            assertThat(y.metric(metric).value()).as(metric).isCloseTo(t.metric(metric).value(), within(1e-12));
            assertThat(y.metric(metric).stderr()).as(metric).isCloseTo(t.metric(metric).stderr(), within(1e-12));
        }
        assertThat(model.loglikCalls.get(0)).isEqualTo(model.loglikCalls.get(1));
    }

    @Test
    void aFolderOfTaskFilesRunsByTagAndGroupWithSizeWeightedAggregates() throws IOException {
        arcFiles();
        write("arc/arc_group.yaml", """
                group: arc_both
                task:
                  - arc_easy_yaml
                  - task: arc_challenge_yaml
                    num_fewshot: 0
                aggregate_metric_list:
                  - metric: acc
                    aggregation: mean
                    weight_by_size: true
                """);
        TaskRegistry registry = TaskRegistry.builtins();
        assertThat(registry.addIncludePath(dir.resolve("arc"))).containsExactly("arc_challenge_yaml", "arc_easy_yaml", "arc_both");
        assertThat(registry.select(List.of("my_arc")).tasks()).extracting(TaskDefinition::task)
                .containsExactly("arc_challenge_yaml", "arc_easy_yaml");
        assertThat(registry.select(List.of("my_arc")).groups()).isEmpty();

        BenchmarkResult r = new BenchmarkEvaluator(registry, DataLocator.of(SharedData.dir()))
                .measure(ScriptedModel.scoring(c -> -(double) c.length()), "scripted", List.of("arc_both"), 30, null, Optional.empty());
        assertThat(r.groups()).hasSize(1);
        var group = r.groups().get(0).metrics().get("none");
        assertThat(group).containsOnlyKeys("acc"); // only what aggregate_metric_list asks for
        double expected = (r.tasks().get(0).metric("acc").value() + r.tasks().get(1).metric("acc").value()) / 2;
        assertThat(group.get("acc").value()).isCloseTo(expected, within(1e-12));
        assertThat(group.get("acc").n()).isEqualTo(60);
    }

    @Test
    void localDataFilesGenerationAndExactMatchOptions() throws IOException {
        write("data/qa.jsonl", "{\"q\": \"2+2\", \"a\": \"Four\"}\n{\"q\": \"3+3\", \"a\": \"six\"}\n{\"q\": \"1+1\", \"a\": \"two\"}\n");
        Path yaml = write("qa.yaml", """
                task: my_qa
                dataset_path: json
                dataset_kwargs:
                  data_files:
                    test: %s
                test_split: test
                output_type: generate_until
                doc_to_text: "Q: {{q}}\\nA:"
                doc_to_target: a
                generation_kwargs:
                  until: "\\n"
                  max_gen_toks: 8
                metric_list:
                  - metric: exact_match
                    ignore_case: true
                    regexes_to_ignore: ["\\\\."]
                """.formatted(dir.resolve("data/qa.jsonl")));
        ScriptedModel model = ScriptedModel.generating(r -> r.context().contains("2+2") ? "four." : "7");
        TaskRegistry registry = TaskRegistry.builtins();
        BenchmarkResult r = new BenchmarkEvaluator(registry, DataLocator.of(dir.resolve("none")))
                .measure(model, "scripted", List.of(yaml.toString()), null, null, Optional.empty());

        assertThat(model.generateCalls.get(0)).extracting(g -> g.context() + "|" + g.until() + "|" + g.maxNewTokens())
                .containsExactly("Q: 2+2\nA:|[\n]|8", "Q: 3+3\nA:|[\n]|8", "Q: 1+1\nA:|[\n]|8");
        assertThat(r.tasks().get(0).metric("exact_match").value()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void badFilesSayWhichFileKeyLineDocumentAndTemplate() throws IOException {
        List<String> warnings = new ArrayList<>();
        TaskRegistry registry = TaskRegistry.builtins().onWarning(warnings::add);
        Path python = write("py.yaml", "task: py\ndataset_path: json\noutput_type: multiple_choice\n"
                + "process_docs: !function utils.process_docs\ndoc_to_text: q\n");
        assertThatThrownBy(() -> registry.addYaml(python))
                .hasMessageContaining(python.toString()).hasMessageContaining("line 4")
                .hasMessageContaining("'!function'").hasMessageContaining("process_docs");

        write("data/d.jsonl", "{\"q\": \"a\", \"c\": [\"x\", \"y\"], \"g\": 0}\n{\"q\": \"b\", \"c\": [\"x\", \"y\"], \"g\": 1}\n");
        Path typo = write("typo.yaml", """
                task: typo
                dataset_path: json
                dataset_kwargs: {data_files: {test: %s}}
                test_split: test
                output_type: multiple_choice
                doc_to_text: "{{q}} {{ q.upper() if g else qq }}"
                doc_to_target: g
                doc_to_choice: c
                num_fewshots: 3
                """.formatted(dir.resolve("data/d.jsonl")));
        registry.addYaml(typo);
        assertThat(warnings).containsExactly("Task file " + typo + ": unknown key 'num_fewshots' ignored");
        assertThatThrownBy(() -> new TaskRunner(DataLocator.of(dir)).prepare(registry.task("typo"), null, 0))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("Task typo: doc_to_text failed on document 0 of " + dir.resolve("data/d.jsonl"))
                .hasMessageContaining("qq")
                .hasMessageContaining("template: \"{{q}} {{ q.upper() if g else qq }}\"");
    }
}
