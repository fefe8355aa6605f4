package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.gate.BenchmarkBaseline;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.model.LanguageModel.LoglikRequest;
import dev.seat.harness.model.LanguageModel.LoglikResult;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link BenchmarkSuite}s through EngineTestKit, on two tiny random checkpoints and two
 * hand-written tasks over documents chosen so that the numbers are known: on every document the
 * baseline prefers the gold choice and the checkpoint the other one, so the checkpoint's acc is 0
 * and the baseline's is 1.
 */
class BenchmarkSuitesTest {
    static final int DOCS = 4;

    @TempDir
    static Path shared;

    static Path checkpoint;
    static Path baseline;
    static Path data;
    static String taskFiles;
    static FixtureSuites fixtures;
    static Class<?> TinyBenchmarks;
    static Class<?> BrokenBenchmark;

    @TempDir
    Path results;

    @BeforeAll
    static void writeCheckpointsTasksAndData() throws IOException {
        checkpoint = TinyCheckpoint.write(shared.resolve("tiny-random"), 1);
        baseline = TinyCheckpoint.write(shared.resolve("tiny-base-random"), 2);
        data = Files.createDirectories(shared.resolve("data"));
        Files.writeString(data.resolve("tiny_qa.jsonl"), documentsTheModelsDisagreeOn());
        Path tasks = Files.createDirectories(shared.resolve("tasks"));
        Files.writeString(tasks.resolve("tiny_qa.json"), task("tiny_qa", "Question: {{question}}\\nAnswer:"));
        Files.writeString(tasks.resolve("tiny_qa_cloze.json"), task("tiny_qa_cloze", "{{question}}"));
        taskFiles = tasks.resolve("tiny_qa.json") + "," + tasks.resolve("tiny_qa_cloze.json");
        fixtures = FixtureSuites.compile(shared.resolve("fixture-classes"));
        TinyBenchmarks = fixtures.load("benchmarkfixtures.TinyBenchmarks");
        BrokenBenchmark = fixtures.load("benchmarkfixtures.BrokenBenchmark");
    }

    private static String task(String name, String docToText) {
        return """
                {"task": "%s", "output_type": "multiple_choice",
                 "dataset": {"path": "tiny_qa.jsonl", "format": "jsonl"},
                 "doc_to_text": "%s", "doc_to_choice": "{{choices}}", "doc_to_target": "{{label}}",
                 "metric_list": [{"metric": "acc"}, {"metric": "acc_norm"}]}
                """.formatted(name, docToText);
    }

    /**
     * {@value #DOCS} documents with two same-length choices where the two models prefer different
     * choices, labelled with the baseline's preference.
     */
    private static String documentsTheModelsDisagreeOn() {
        String[] words = {"amber", "basil", "cedar", "delta", "ember", "flint", "grove", "heron", "ivory", "jolly",
                "koala", "lemon", "maple", "noble", "olive", "pearl", "quail", "raven", "sable", "tulip"};
        StringBuilder out = new StringBuilder();
        try (Checkpoint tuned = Checkpoint.load(checkpoint); Checkpoint base = Checkpoint.load(baseline)) {
            CheckpointLanguageModel tunedLm = new CheckpointLanguageModel(tuned, 16);
            CheckpointLanguageModel baseLm = new CheckpointLanguageModel(base, 16);
            int found = 0;
            for (int i = 0; i < 40 && found < DOCS; i++) {
                String question = "Which word comes after number " + i + "?";
                List<String> choices = List.of(words[i % words.length], words[(i * 7 + 3) % words.length]);
                int tunedPick = argmax(tunedLm, question, choices);
                int basePick = argmax(baseLm, question, choices);
                if (tunedPick >= 0 && basePick >= 0 && tunedPick != basePick) {
                    ObjectNode doc = Json.object();
                    doc.put("question", question);
                    choices.forEach(doc.putArray("choices")::add);
                    doc.put("label", basePick);
                    out.append(Json.compact(doc)).append('\n');
                    found++;
                }
            }
            assertThat(found).as("documents the two random checkpoints disagree on").isEqualTo(DOCS);
        }
        return out.toString();
    }

    /** The choice a model prefers under both prompts of the tasks, or -1 when the prompts disagree. */
    private static int argmax(CheckpointLanguageModel lm, String question, List<String> choices) {
        List<Integer> picks = new ArrayList<>();
        for (String context : List.of("Question: " + question + "\nAnswer:", question)) {
            List<LoglikResult> r = lm.loglikelihood(choices.stream().map(c -> new LoglikRequest(context, " " + c)).toList());
            picks.add(r.get(0).logprob() >= r.get(1).logprob() ? 0 : 1);
        }
        return picks.get(0).equals(picks.get(1)) ? picks.get(0) : -1;
    }

    private static EngineExecutionResults execute(EngineTestKit.Builder kit) {
        return fixtures.call(kit::execute);
    }

    private EngineTestKit.Builder kit(DiscoverySelector... selectors) {
        return EngineTestKit.engine(new SeatTestEngine())
                .enableImplicitConfigurationParameters(false)
                .selectors(selectors)
                .configurationParameter("checkpoint", checkpoint.toString())
                .configurationParameter("results", results.toString())
                .configurationParameter("benchmarks.tasks", taskFiles)
                .configurationParameter("benchmarks.data", data.toString());
    }

    private EngineTestKit.Builder selected(String benchmarks, DiscoverySelector... selectors) {
        return kit(selectors).configurationParameter("benchmarks", benchmarks);
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void aBenchmarkSuiteIsOneNodePerEntryWithTheChecksUnderEach() {
        TestDescriptor suite = suiteNode(fixtures.call(kit(selectClass(TinyBenchmarks))::discover).getEngineDescriptor());
        assertThat(suite.getDisplayName()).isEqualTo("Tiny benchmarks");
        assertThat(suite.getUniqueId().toString()).isEqualTo("[engine:seat]/[checkpoint:tiny-random]/[suite:"
                + TinyBenchmarks.getName() + "]");
        assertThat(names(suite.getChildren())).containsExactly("tiny_qa", "tiny_qa_cloze");
        TestDescriptor entry = suite.getChildren().iterator().next();
        assertThat(entry.getUniqueId().toString()).isEqualTo(suite.getUniqueId() + "/[task:tiny_qa]");
        assertThat(names(entry.getChildren())).containsExactlyInAnyOrder("doesNotRegress", "acc_norm is at least the threshold");
        TestDescriptor check = entry.getChildren().stream().filter(c -> c.getDisplayName().equals("doesNotRegress"))
                .findFirst().orElseThrow();
        assertThat(check.getSource()).containsInstanceOf(MethodSource.class);
        assertThat(check.getLegacyReportingName()).isEqualTo("doesNotRegress[tiny_qa]");
        assertThat(check.getTags()).extracting(Object::toString).contains("benchmark", "seat");
    }

    @Test
    void aMethodSelectorSelectsTheCheckUnderEveryEntryAndAUniqueIdOneEntry() throws Exception {
        var method = TinyBenchmarks.getDeclaredMethod("accNormAtLeast", BenchmarkResult.class, double.class);
        TestDescriptor suite = suiteNode(fixtures.call(kit(selectMethod(TinyBenchmarks, method))::discover)
                .getEngineDescriptor());
        assertThat(suite.getChildren()).allSatisfy(e -> assertThat(names(e.getChildren()))
                .containsExactly("acc_norm is at least the threshold")).hasSize(2);

        String entry = "[engine:seat]/[checkpoint:an-older-model]/[suite:" + TinyBenchmarks.getName() + "]/[task:tiny_qa_cloze]";
        TestDescriptor one = suiteNode(fixtures.call(kit(selectUniqueId(entry))::discover).getEngineDescriptor());
        assertThat(names(one.getChildren())).containsExactly("tiny_qa_cloze");
        assertThat(one.getChildren().iterator().next().getChildren()).hasSize(2);
    }

    @Test
    void aCheckWithAParameterBenchmarkSuitesDoNotProvideIsADiscoveryError() {
        var discovered = fixtures.call(kit(selectClass(BrokenBenchmark))::discover);
        assertThat(names(suiteNode(discovered.getEngineDescriptor()).getChildren().iterator().next().getChildren()))
                .containsExactly("fine");
        assertThat(discovered.getDiscoveryIssues()).extracting(DiscoveryIssue::message).singleElement().satisfies(m ->
                assertThat(m).contains("#wantsAnswers has unsupported type dev.seat.harness.gate.Responses; "
                        + "supported: BenchmarkResult, BenchmarkBaseline, Checkpoint, and double annotated @Threshold"));
    }

    // ---------------------------------------------------------------- selection

    @Test
    void withoutBenchmarksSelectedTheSuiteIsSkippedSayingHowToSelectIt() {
        EngineExecutionResults r = execute(kit(selectClass(TinyBenchmarks)));
        r.testEvents().assertStatistics(s -> s.started(0));
        assertThat(skipReason(r, "Tiny benchmarks")).isEqualTo("benchmarks run only when selected: pass "
                + "-Dbenchmarks=tiny_qa,tiny_qa_cloze (or -Dbenchmarks=all); -Dlimit=N evaluates the first N documents "
                + "of each task");
        assertThat(Files.exists(results.resolve("tiny-random").resolve("cache"))).isFalse();
    }

    @Test
    void unselectedEntriesAreSkippedWithTheSelectionInTheReason() {
        EngineExecutionResults r = execute(selected("tiny_qa", selectClass(TinyBenchmarks)));
        assertThat(skipReason(r, "tiny_qa_cloze")).isEqualTo("benchmark 'tiny_qa_cloze' is not selected "
                + "(-Dbenchmarks=tiny_qa); add it to the list or pass -Dbenchmarks=all");
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1).skipped(1)); // no baseline for doesNotRegress
        assertThat(skipReason(r, "doesNotRegress")).isEqualTo(CheckParameters.NO_BASELINE);
    }

    @Test
    void anUnknownSelectedBenchmarkFailsTheCheckpointNode() {
        EngineExecutionResults r = execute(selected("tiny_qa,arc_esay", selectClass(TinyBenchmarks)));
        assertThat(containerFailure(r, "checkpoint").getMessage())
                .startsWith("Configuration parameter 'benchmarks' names unknown benchmark(s) arc_esay; known: ")
                .contains("arc_easy", "tiny_qa", "mmlu_<subject>");
    }

    // ---------------------------------------------------------------- checks, results, cache

    @Test
    void aRegressionAgainstTheBaselineFailsWithTaskMetricValuesAndAllowedDrop() {
        EngineExecutionResults r = execute(selected("tiny_qa", selectClass(TinyBenchmarks))
                .configurationParameter("baseline", baseline.toString()));
        r.testEvents().assertStatistics(s -> s.failed(1).succeeded(1));
        assertThat(failure(r, "doesNotRegress").getMessage()).isEqualTo(
                "tiny_qa acc dropped from 1.0000 ± 0.0000 (baseline tiny-base-random, n=4) to 0.0000 ± 0.0000 "
                        + "(checkpoint tiny-random, n=4, 0-shot): drop 1.0000 exceeds the allowed 0.0200\n"
                        + "4 of 4 documents scored lower than on the baseline (acc per document, baseline -> checkpoint):\n"
                        + "  doc 0: 1.00 -> 0.00  " + promptOf(0) + "\n"
                        + "  doc 1: 1.00 -> 0.00  " + promptOf(1) + "\n"
                        + "  doc 2: 1.00 -> 0.00  " + promptOf(2) + "\n"
                        + "  doc 3: 1.00 -> 0.00  " + promptOf(3) + "\n"
                        + "threshold:\n"
                        + "  threshold.tiny_qa.doesNotRegress = 0.02 (default; override with "
                        + "-Dthreshold.tiny_qa.doesNotRegress=VALUE)");
    }

    @Test
    void aPassingRegressionCheckWritesMetricsAndLmEvalFilesIntoTheRunFolder() throws IOException {
        EngineExecutionResults r = execute(selected("all", selectClass(TinyBenchmarks))
                .configurationParameter("baseline", baseline.toString())
                .configurationParameter("threshold.benchmarks.doesNotRegress", "1.0") // suite-wide key
                .configurationParameter("runId", "run"));
        r.testEvents().assertStatistics(s -> s.failed(0).succeeded(4));
        RunFolder run = RunFolder.open(results.resolve("tiny-random").resolve("run"));
        JsonNode qa = run.metrics().get("tiny_qa");
        assertThat(qa.get("acc").asDouble()).isEqualTo(0.0);
        assertThat(qa.get("baseline_acc").asDouble()).isEqualTo(1.0);
        assertThat(qa.get("n").asInt()).isEqualTo(DOCS);
        assertThat(qa.has("acc_norm_stderr")).isTrue();
        assertThat(run.metrics().has("tiny_qa_cloze")).isTrue();
        JsonNode lmEval = Json.read(onlyFile(run.dir(), "results_"));
        assertThat(lmEval.at("/results/tiny_qa").get("acc,none").asDouble()).isEqualTo(0.0);
        assertThat(lmEval.at("/n-samples/tiny_qa_cloze/effective").asInt()).isEqualTo(DOCS);
        assertThat(lmEval.get("model_fingerprint").asText()).hasSize(16);
        assertThat(onlyFile(run.dir(), "samples_tiny_qa_2")).isRegularFile();
        assertThat(Json.read(onlyFile(run.dir().resolve("baseline"), "results_")).at("/results/tiny_qa").get("acc,none")
                .asDouble()).isEqualTo(1.0);
        assertThat(run.manifest().at("/benchmarks/tiny_qa/results").asText()).isEqualTo("computed");
        assertThat(run.manifest().at("/benchmarks/tiny_qa/baseline_results").asText()).isEqualTo("computed");
        assertThat(run.manifest().at("/benchmarks/tiny_qa/prompt_hash").asText()).hasSize(64);
    }

    @Test
    void aSecondRunReadsTheModelsOutputsFromTheCache() throws IOException {
        execute(selected("tiny_qa", selectClass(TinyBenchmarks)).configurationParameter("baseline", baseline.toString())
                .configurationParameter("runId", "one"));
        Path cache = results.resolve("tiny-random").resolve("cache");
        Path cached = onlyFile(cache, "benchmark-tiny_qa-");
        FileTime written = Files.getLastModifiedTime(cached);

        EngineExecutionResults second = execute(selected("tiny_qa", selectClass(TinyBenchmarks))
                .configurationParameter("baseline", baseline.toString()).configurationParameter("runId", "two"));
        second.testEvents().assertStatistics(s -> s.failed(1).succeeded(1)); // the same regression, same numbers
        JsonNode manifest = RunFolder.open(results.resolve("tiny-random").resolve("two")).manifest();
        assertThat(manifest.at("/benchmarks/tiny_qa/results").asText()).isEqualTo("cache");
        assertThat(manifest.at("/benchmarks/tiny_qa/baseline_results").asText()).isEqualTo("cache");
        assertThat(Files.getLastModifiedTime(cached)).isEqualTo(written);
        assertThat(RunFolder.open(results.resolve("tiny-random").resolve("two")).metrics())
                .isEqualTo(RunFolder.open(results.resolve("tiny-random").resolve("one")).metrics());

        EngineExecutionResults limited = execute(selected("tiny_qa", selectClass(TinyBenchmarks))
                .configurationParameter("limit", "2").configurationParameter("runId", "three"));
        assertThat(RunFolder.open(results.resolve("tiny-random").resolve("three")).manifest()
                .at("/benchmarks/tiny_qa/results").asText()).isEqualTo("computed"); // another limit, another key
        assertThat(RunFolder.open(results.resolve("tiny-random").resolve("three")).metrics().at("/tiny_qa/n").asInt())
                .isEqualTo(2);
        limited.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void aMissingDataFileFailsTheChecksNamingFileAndParameter() throws Exception {
        EngineExecutionResults r = execute(selected("tiny_qa", selectClass(TinyBenchmarks))
                .configurationParameter("benchmarks.data", shared.resolve("tasks").toString()));
        assertThat(failure(r, "acc_norm is at least the threshold").getMessage())
                .startsWith("Benchmark 'tiny_qa': Task tiny_qa: data file 'tiny_qa.jsonl' not found; looked at ")
                .endsWith("(in the engine: configuration parameter 'benchmarks.data')");
        assertThat(r.containerEvents().failed().count()).isZero(); // reported once, by the check

        var regression = TinyBenchmarks.getDeclaredMethod("doesNotRegress", BenchmarkResult.class, BenchmarkBaseline.class,
                double.class);
        EngineExecutionResults skippedCheck = execute(selected("tiny_qa", selectMethod(TinyBenchmarks, regression))
                .configurationParameter("benchmarks.data", shared.resolve("tasks").toString()));
        assertThat(containerFailure(skippedCheck, "tiny_qa").getMessage()).startsWith("Benchmark 'tiny_qa': Task tiny_qa: ");
    }

    @Test
    void aSelectedEntryIsMeasuredEvenWhenEveryCheckIsSkipped() throws Exception {
        var regression = TinyBenchmarks.getDeclaredMethod("doesNotRegress", BenchmarkResult.class, BenchmarkBaseline.class,
                double.class);
        EngineExecutionResults r = execute(selected("tiny_qa", selectMethod(TinyBenchmarks, regression))
                .configurationParameter("runId", "numbers"));
        r.testEvents().assertStatistics(s -> s.skipped(1).started(0));
        assertThat(RunFolder.open(results.resolve("tiny-random").resolve("numbers")).metrics().at("/tiny_qa/acc").asDouble())
                .isEqualTo(0.0);
    }

    // ---------------------------------------------------------------- helpers

    /** The prompt of document {@code i} as failure messages show it (one line). */
    private static String promptOf(int i) {
        try {
            String line = Files.readAllLines(data.resolve("tiny_qa.jsonl")).get(i);
            return "Question: " + Json.MAPPER.readTree(line).get("question").asText() + " \u23CE Answer:";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDescriptor suiteNode(TestDescriptor engine) {
        return engine.getChildren().iterator().next().getChildren().iterator().next();
    }

    private static Path onlyFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> matches = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(matches).as("files %s* in %s", prefix, dir).hasSize(1);
            return matches.get(0);
        }
    }

    private static List<String> names(java.util.Collection<? extends TestDescriptor> ds) {
        List<String> out = new ArrayList<>();
        ds.forEach(d -> out.add(d.getDisplayName()));
        return out;
    }

    private static String skipReason(EngineExecutionResults r, String displayName) {
        return r.allEvents().skipped().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(String.class)).findFirst()
                .orElseThrow(() -> new AssertionError("no skipped " + displayName + "; events: " + r.allEvents().list()));
    }

    private static Throwable failure(EngineExecutionResults r, String displayName) {
        return r.testEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failed test " + displayName + "; events: "
                        + r.allEvents().list()));
    }

    private static Throwable containerFailure(EngineExecutionResults r, String displayNamePrefix) {
        return r.containerEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayNamePrefix))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failed container " + displayNamePrefix));
    }
}
