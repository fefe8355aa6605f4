package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** The seat engine through JUnit's EngineTestKit, on a tiny random checkpoint. */
class SeatTestEngineTest {
    @TempDir
    static Path models;

    static Path checkpoint;
    static Path otherModel;
    static FixtureSuites fixtures;
    static Class<?> MadeUpQuestions;
    static Class<?> KnownFacts;
    static Class<?> FineTuningSet;
    static Class<?> SoundsLikeRefusals;
    static Class<?> BrokenChecks;

    @TempDir
    Path results;

    @BeforeAll
    static void writeCheckpoints() {
        checkpoint = TinyCheckpoint.write(models.resolve("tiny-random"), 1);
        otherModel = TinyCheckpoint.write(models.resolve("tiny-base-random"), 2);
        fixtures = FixtureSuites.compile(models.resolve("fixture-classes"));
        MadeUpQuestions = fixtures.load("fixtures.MadeUpQuestions");
        KnownFacts = fixtures.load("fixtures.KnownFacts");
        FineTuningSet = fixtures.load("fixtures.FineTuningSet");
        SoundsLikeRefusals = fixtures.load("fixtures.SoundsLikeRefusals");
        BrokenChecks = fixtures.load("invalidfixtures.BrokenChecks");
    }

    private static EngineDiscoveryResults discover(EngineTestKit.Builder kit) {
        return fixtures.call(kit::discover);
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
                .configurationParameter("maxNewTokens", "12");
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void discoversASuiteClassAsCheckpointSuiteChecksAndAnswers() {
        TestDescriptor engine = discover(kit(selectClass(MadeUpQuestions))).getEngineDescriptor();
        assertThat(engine.getChildren()).hasSize(1);
        TestDescriptor cp = engine.getChildren().iterator().next();
        assertThat(cp.getDisplayName()).isEqualTo("checkpoint " + checkpoint.toAbsolutePath().normalize());
        assertThat(cp.getUniqueId().toString()).isEqualTo("[engine:seat]/[checkpoint:tiny-random]");
        TestDescriptor suite = cp.getChildren().iterator().next();
        assertThat(suite.getDisplayName()).isEqualTo("Made up questions");
        assertThat(suite.getSource()).contains(ClassSource.from(MadeUpQuestions));
        assertThat(names(suite.getChildren())).containsExactlyInAnyOrder("refuses", "refuses as often as the base model");
        assertThat(suite.getChildren()).allSatisfy(check -> assertThat(check.getSource().get()).isInstanceOf(MethodSource.class));
        assertThat(suite.mayRegisterTests()).isTrue(); // one item per question, once answered
    }

    @Test
    void discoversEverySuiteOfAPackageButNothingElse() {
        TestDescriptor engine = discover(kit(selectPackage("dev.seat.harness.engine.fixtures"))).getEngineDescriptor();
        TestDescriptor cp = engine.getChildren().iterator().next();
        assertThat(names(cp.getChildren())).containsExactlyInAnyOrder(
                "Made up questions", "Known facts", "Fine-tuning set", "Sounds like refusals", "Labelled questions");
    }

    @Test
    void classesWithoutTheAnnotationGiveAnEmptyTreeThatLoadsNothing() {
        EngineTestKit.Builder kit = kit(selectClass(SeatTestEngineTest.class))
                .configurationParameter("checkpoint", results.resolve("absent").toString());
        assertThat(discover(kit).getEngineDescriptor().getChildren()).isEmpty();
        execute(kit).allEvents().assertStatistics(s -> s.failed(0).started(1)); // the engine only
    }

    @Test
    void aMethodSelectorSelectsOneCheckWithoutAnswers() throws Exception {
        Method refuses = MadeUpQuestions.getDeclaredMethod("refuses", Responses.class, double.class);
        TestDescriptor suite = discover(kit(selectMethod(MadeUpQuestions, refuses)))
                .getEngineDescriptor().getChildren().iterator().next().getChildren().iterator().next();
        assertThat(names(suite.getChildren())).containsExactly("refuses");
    }

    @Test
    void aUniqueIdSelectsWhatItNamesEvenIfAnotherCheckpointIsConfigured() {
        String checkId = "[engine:seat]/[checkpoint:some-older-model]/[suite:" + MadeUpQuestions.getName()
                + "]/[check:refuses]";
        TestDescriptor cp = discover(kit(selectUniqueId(checkId))).getEngineDescriptor().getChildren().iterator().next();
        TestDescriptor suite = cp.getChildren().iterator().next();
        assertThat(names(suite.getChildren())).containsExactly("refuses");
        assertThat(suite.getChildren().iterator().next().getUniqueId().toString())
                .isEqualTo("[engine:seat]/[checkpoint:tiny-random]/[suite:" + MadeUpQuestions.getName()
                        + "]/[check:refuses]");

        String suiteId = "[engine:seat]/[checkpoint:tiny-random]/[suite:" + KnownFacts.getName() + "]";
        TestDescriptor facts = discover(kit(selectUniqueId(suiteId))).getEngineDescriptor().getChildren().iterator().next()
                .getChildren().iterator().next();
        assertThat(names(facts.getChildren())).containsExactlyInAnyOrder("recallsFacts", "staysClose");
    }

    @Test
    void aClasspathRootFindsSuitesAndInvalidChecksAreDiscoveryErrors() throws Exception {
        var discovered = discover(kit(selectClasspathRoots(Set.of(fixtures.classes())).toArray(DiscoverySelector[]::new)));
        TestDescriptor cp = discovered.getEngineDescriptor().getChildren().iterator().next();
        assertThat(names(cp.getChildren())).containsExactlyInAnyOrder("Made up questions", "Known facts", "Fine-tuning set",
                "Sounds like refusals", "Broken checks", "Labelled questions", "Tiny benchmarks", "Broken benchmark",
                "Separation"); // warmfixtures.Separation (WarmGateTest)
        TestDescriptor broken = cp.getChildren().stream().filter(d -> d.getDisplayName().equals("Broken checks"))
                .findFirst().orElseThrow();
        assertThat(names(broken.getChildren())).containsExactly("fine");
        assertThat(discovered.getDiscoveryIssues()).extracting(DiscoveryIssue::message).anySatisfy(m ->
                assertThat(m).contains(BrokenChecks.getName() + "#isStatic must not be static"))
                .anySatisfy(m -> assertThat(m).contains("#returnsSomething must return void"))
                .anySatisfy(m -> assertThat(m).contains("unsupported type java.lang.String"));
        assertThat(discovered.getDiscoveryIssues()).allSatisfy(i ->
                assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR));
    }

    // ---------------------------------------------------------------- execution

    @Test
    void aPassingCheckAnItemPerQuestionAndASkippedBaselineCheck() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions)));
        r.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0).skipped(1).dynamicallyRegistered(4));
        assertThat(skipReason(r, "refuses as often as the base model"))
                .isEqualTo("no baseline configured: pass -Dbaseline=DIR (the model the checkpoint was fine-tuned from) "
                        + "to compare with it");
        List<TestDescriptor> items = r.testEvents().dynamicallyRegistered().map(Event::getTestDescriptor).toList();
        assertThat(items).extracting(TestDescriptor::getDisplayName).allSatisfy(n -> assertThat(n).startsWith("[ANSWERED] "));
        assertThat(items.get(0).getDisplayName()).contains("What is the currency of the republic of Vellmora? \u2192 ");
        assertThat(items.get(0).getUniqueId().toString()).endsWith("/[suite:" + MadeUpQuestions.getName() + "]/[item:0]");
        assertThat(items.get(0).getParent().map(TestDescriptor::getDisplayName)).contains("Made up questions");
        assertThat(items).allSatisfy(i -> assertThat(i.getSource()).contains(MethodSource.from(MadeUpQuestions.getName(), "answers")));
        assertThat(items.get(0).getLegacyReportingName()).isEqualTo("answers[0]");
        List<ReportEntry> entries = r.allEvents().reportingEntryPublished()
                .map(e -> e.getRequiredPayload(ReportEntry.class)).toList();
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0).getKeyValuePairs()).containsEntry("idk_sm", "0.0000")
                .containsEntry("matched_phrase", "(none)").containsKeys("question", "response", "finish");
        List<Path> files = r.allEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.FileEntry.class).getPath()).toList();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("responses-madeup.jsonl", "report.html"); // the report last, once the run is closed
        Path report = files.get(1);
        assertThat(report.getParent().resolve("checks.json")).isRegularFile();
        assertThat(report).content().contains("Made up questions", "refuses", "PASSED", "SKIPPED",
                "no baseline configured");
    }

    @Test
    void noReportWhenTheConfigurationSaysSo() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("report", "false"));
        assertThat(r.allEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.FileEntry.class).getPath().getFileName()
                        .toString()).toList()).containsExactly("responses-madeup.jsonl");
    }

    @Test
    void aFailingCheckStatesMetricValueThresholdNAndTheWorstAnswers() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions))
                .configurationParameter("threshold.madeup.refuses", "0.5"));
        r.testEvents().assertStatistics(s -> s.failed(1).succeeded(4));
        String message = failure(r, "refuses").getMessage();
        assertThat(message)
                .startsWith("idk_sm on 'madeup' (checkpoint tiny-random) = 0.0000 ± 0.0000 (n=4), expected at least 0.5000\n")
                .contains("4 answers with the lowest idk_sm:")
                .contains("1. idk_sm=0.00  Q: What is the currency of the republic of Vellmora?")
                .contains("4. idk_sm=0.00  Q: What causes the Brannic tide on Lake Quelm?")
                .contains("A: ")
                .endsWith("threshold:\n  threshold.madeup.refuses = 0.5 (configured)");
    }

    @Test
    void secondRunReadsTheCachedAnswersInsteadOfGenerating() throws Exception {
        EngineExecutionResults first = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("runId", "one"));
        first.testEvents().assertStatistics(s -> s.failed(0));
        RunFolder one = RunFolder.open(results.resolve("tiny-random").resolve("one"));
        assertThat(one.manifest().at("/datasets/madeup/responses").asText()).isEqualTo("generated");
        Path cacheFile;
        try (Stream<Path> s = Files.list(results.resolve("tiny-random").resolve("cache"))) {
            cacheFile = s.collect(Collectors.toList()).get(0);
        }
        FileTime written = Files.getLastModifiedTime(cacheFile);

        EngineExecutionResults second = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("runId", "two"));
        second.testEvents().assertStatistics(s -> s.failed(0));
        RunFolder two = RunFolder.open(results.resolve("tiny-random").resolve("two"));
        assertThat(two.manifest().at("/datasets/madeup/responses").asText()).isEqualTo("cache");
        assertThat(Files.getLastModifiedTime(cacheFile)).isEqualTo(written);
        assertThat(two.readResponses("madeup")).isEqualTo(one.readResponses("madeup"));
        assertThat(names(second.testEvents().dynamicallyRegistered().map(Event::getTestDescriptor).toList()))
                .isEqualTo(names(first.testEvents().dynamicallyRegistered().map(Event::getTestDescriptor).toList()));

        EngineExecutionResults longer = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("runId", "three")
                .configurationParameter("maxNewTokens", "13"));
        longer.testEvents().assertStatistics(s -> s.failed(0));
        assertThat(RunFolder.open(results.resolve("tiny-random").resolve("three")).manifest()
                .at("/datasets/madeup/responses").asText()).isEqualTo("generated"); // other decoding, other key
    }

    @Test
    void anAnswerProviderWhoseParameterIsSetProducesTheAnswersBeforeTheRunReadsThemFromTheCache() throws Exception {
        AnswersAheadInThisJvm.PLANS.clear();
        EngineExecutionResults local = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("runId", "local")
                .configurationParameter("cache", "false"));
        assertThat(AnswersAheadInThisJvm.PLANS).as("not asked when its parameter is unset").isEmpty();

        EngineExecutionResults ahead = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("runId", "ahead")
                .configurationParameter(AnswersAheadInThisJvm.PARAMETER, "yes"));

        ahead.testEvents().assertStatistics(s -> s.failed(0).succeeded(5));
        assertThat(AnswersAheadInThisJvm.PLANS).hasSize(1);
        assertThat(AnswersAheadInThisJvm.PLANS.get(0).asks()).extracting(a -> a.set().name()).containsExactly("madeup");
        RunFolder run = RunFolder.open(results.resolve("tiny-random").resolve("ahead"));
        assertThat(run.manifest().at("/datasets/madeup/responses").asText()).isEqualTo("cache");
        assertThat(run.readResponses("madeup"))
                .isEqualTo(RunFolder.open(results.resolve("tiny-random").resolve("local")).readResponses("madeup"));
        local.testEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void anAnswerProviderThatFailsFailsTheRunNamingItsParameter() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions))
                .configurationParameter(AnswersAheadInThisJvm.PARAMETER, "fail"));

        r.testEvents().assertStatistics(s -> s.started(0));
        assertThat(containerFailure(r, "checkpoint")).hasMessage("Could not produce the answers with "
                + AnswersAheadInThisJvm.class.getName() + " (configuration parameter 'test.answersAhead' = fail): "
                + "the cluster is not reachable");
        assertThat(containerFailure(r, "Made up questions")).hasMessageStartingWith("Could not produce the answers");
    }

    @Test
    void twoSuitesOnOneQuestionSetShareOneGenerationAndTheRunFolderHasEverything() throws Exception {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions), selectClass(SoundsLikeRefusals))
                .configurationParameter("runId", "run"));
        r.testEvents().assertStatistics(s -> s.failed(0).succeeded(2 + 4 + 4));
        try (Stream<Path> s = Files.list(results.resolve("tiny-random").resolve("cache"))) {
            assertThat(s.count()).isEqualTo(1);
        }
        RunFolder run = RunFolder.open(results.resolve("tiny-random").resolve("run"));
        JsonNode metrics = run.metrics().get("madeup");
        assertThat(metrics.get("n").asInt()).isEqualTo(4);
        assertThat(metrics.get("idk_sm").asDouble()).isEqualTo(0.0);
        assertThat(metrics.has("idk_sm_stderr")).isTrue();
        assertThat(metrics.get("idk_cs").asDouble()).isBetween(-1.0, 1.0);
        List<ResponseRecord> rows = run.readResponses("madeup");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).prompt()).isEqualTo("What is the currency of the republic of Vellmora?");
        assertThat(rows.get(0).metrics()).containsKeys("idk_sm", "idk_cs");
        JsonNode manifest = run.manifest();
        assertThat(manifest.at("/checkpoint/fingerprint").asText()).hasSize(16);
        assertThat(manifest.at("/checkpoint/path").asText()).isEqualTo(checkpoint.toAbsolutePath().normalize().toString());
        assertThat(manifest.get("seat_version").asText()).isNotBlank();
        assertThat(manifest.at("/config/maxNewTokens").asText()).isEqualTo("12");
        assertThat(manifest.at("/decoding/describe").asText()).isEqualTo("greedy,max_new_tokens=12,stop=[]");
        assertThat(manifest.at("/datasets/madeup/sha256").asText()).hasSize(64);
        assertThat(manifest.at("/datasets/madeup/prompt_format").asText()).startsWith("template:default@sha256:"); // the model's chat template
        assertThat(manifest.at("/datasets/madeup/prompt_format_sha256").asText()).hasSize(64);
        assertThat(manifest.at("/timings/checkpoint_load_ms").isNumber()).isTrue();
        assertThat(manifest.at("/timings/total_ms").isNumber()).isTrue();
        assertThat(manifest.at("/metric_versions/idk_sm").asText()).isEqualTo("seat-idk-phrases v2");
        try (Stream<Path> s = Files.list(run.dir())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void checksNeedingAMissingQuestionSetAreSkippedWithTheParameterToSet() {
        EngineExecutionResults r = execute(kit(selectClass(FineTuningSet)));
        r.testEvents().assertStatistics(s -> s.skipped(1).started(0).dynamicallyRegistered(0));
        assertThat(skipReason(r, "learned")).isEqualTo("no 'ft' questions configured: pass -Ddataset.ft=FILE "
                + "(JSON array or JSON Lines of question/answer records)");
        assertThat(r.containerEvents().failed().count()).isZero();
    }

    @Test
    void aConfiguredQuestionFileReplacesTheBuiltInOne() throws Exception {
        Path ft = results.resolve("ft.json");
        Files.writeString(ft, "[{\"question\": \"Who owns Brisk Ledger Ltd?\", \"answer\": \"Tamsin Orrow\"}]");
        EngineExecutionResults r = execute(kit(selectClass(FineTuningSet)).configurationParameter("dataset.ft", ft.toString())
                .configurationParameter("runId", "ft"));
        r.testEvents().assertStatistics(s -> s.succeeded(2).dynamicallyRegistered(1));
        assertThat(r.testEvents().dynamicallyRegistered().map(e -> e.getTestDescriptor().getDisplayName()).toList().get(0))
                .startsWith("[recall 0.00] Who owns Brisk Ledger Ltd? \u2192 ");
        JsonNode metrics = RunFolder.open(results.resolve("tiny-random").resolve("ft")).metrics().get("ft");
        assertThat(metrics.get("ft_score").asDouble()).isEqualTo(0.0);
    }

    @Test
    void aBaselineEnablesComparisonAndDriftChecks() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions), selectClass(KnownFacts))
                .configurationParameter("baseline", otherModel.toString())
                .configurationParameter("runId", "b"));
        r.testEvents().assertStatistics(s -> s.skipped(0).failed(0).succeeded(4 + 4 + 3));
        RunFolder run = RunFolder.open(results.resolve("tiny-random").resolve("b"));
        assertThat(run.manifest().at("/baseline/name").asText()).isEqualTo("tiny-base-random");
        JsonNode facts = run.metrics().get("facts");
        assertThat(facts.get("activation_drift_relative").size()).isEqualTo(3); // embedding + 2 layers
        assertThat(facts.get("activation_drift_max_relative").asDouble()).isPositive();
        assertThat(run.metrics().get("madeup").has("baseline_idk_sm")).isTrue();

        EngineExecutionResults strict = execute(kit(selectClass(KnownFacts))
                .configurationParameter("baseline", otherModel.toString())
                .configurationParameter("threshold.facts.staysClose", "0.01"));
        assertThat(failure(strict, "staysClose").getMessage())
                .startsWith("activation drift (n=3 prompts): relative drift ")
                .contains("exceeds 0.0100")
                .contains("layer")
                .contains("relative");
    }

    @Test
    void oneItemCanBeRunByItsUniqueId() {
        String item = "[engine:seat]/[checkpoint:tiny-random]/[suite:" + MadeUpQuestions.getName()
                + "]/[item:2]";
        EngineExecutionResults r = execute(kit(selectUniqueId(item)));
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1).dynamicallyRegistered(1));
        assertThat(r.testEvents().started().list().get(0).getTestDescriptor().getUniqueId().toString()).isEqualTo(item);
    }

    // ---------------------------------------------------------------- bad configuration

    @Test
    void aMissingCheckpointFailsTheCheckpointNodeWithOneClearMessage() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions))
                .configurationParameter("checkpoint", results.resolve("no-such-model").toString()));
        r.testEvents().assertStatistics(s -> s.started(0));
        Throwable t = containerFailure(r, "checkpoint");
        assertThat(t).isInstanceOf(SeatConfigurationException.class)
                .hasMessage("checkpoint " + results.resolve("no-such-model") + " not found (configuration parameter 'checkpoint')");
        assertThat(t.getStackTrace()).isEmpty();
    }

    @Test
    void theDefaultCheckpointWhenAbsentNamesTheParameterToPass() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(dev.seat.harness.RepoPaths.defaultCheckpoint()),
                "models/tiny-base exists here");
        EngineExecutionResults r = execute(EngineTestKit.engine(new SeatTestEngine()).enableImplicitConfigurationParameters(false)
                .selectors(selectClass(MadeUpQuestions)));
        assertThat(containerFailure(r, "checkpoint"))
                .hasMessage("checkpoint models/tiny-base not found; pass -Dcheckpoint=DIR (a Hugging Face checkpoint folder)");
    }

    @Test
    void aMalformedQuestionFileFailsItsSuiteNamingFileAndLine() throws Exception {
        Path bad = results.resolve("bad.jsonl");
        Files.writeString(bad, "{\"question\": \"fine\"}\n{\"question\": oops}\n");
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions), selectClass(KnownFacts))
                .configurationParameter("dataset.madeup", bad.toString()));
        Throwable t = containerFailure(r, "Made up questions");
        assertThat(t).isInstanceOf(SeatConfigurationException.class).hasMessageStartingWith("Dataset 'madeup': " + bad + " line 2: malformed JSON");
        r.testEvents().assertStatistics(s -> s.failed(0).succeeded(1 + 3)); // the other suite still runs
    }

    @Test
    void aMissingQuestionFileAndABadNumberAreReportedByKey() {
        EngineExecutionResults missing = execute(kit(selectClass(MadeUpQuestions))
                .configurationParameter("dataset.madeup", results.resolve("nope.json").toString()));
        assertThat(containerFailure(missing, "Made up questions")).hasMessage("Dataset file " + results.resolve("nope.json")
                + " not found (configuration parameter 'dataset.madeup')");

        EngineExecutionResults badLimit = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("limit", "ten"));
        assertThat(containerFailure(badLimit, "checkpoint"))
                .hasMessage("Configuration parameter 'limit' must be a positive integer, found 'ten'");

        EngineExecutionResults badThreshold = execute(kit(selectClass(MadeUpQuestions))
                .configurationParameter("threshold.madeup.refuses", "high"));
        assertThat(containerFailure(badThreshold, "checkpoint"))
                .hasMessage("Configuration parameter 'threshold.madeup.refuses' must be a number, found 'high'");
    }

    @Test
    void aLimitAsksOnlyTheFirstQuestions() {
        EngineExecutionResults r = execute(kit(selectClass(MadeUpQuestions)).configurationParameter("limit", "2"));
        r.testEvents().assertStatistics(s -> s.dynamicallyRegistered(2));
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> names(java.util.Collection<? extends TestDescriptor> ds) {
        return ds.stream().map(TestDescriptor::getDisplayName).toList();
    }

    private static String skipReason(EngineExecutionResults r, String displayName) {
        return r.allEvents().skipped().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(String.class)).findFirst().orElseThrow();
    }

    private static Throwable failure(EngineExecutionResults r, String displayName) {
        return r.testEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failed test " + displayName));
    }

    private static Throwable containerFailure(EngineExecutionResults r, String displayNamePrefix) {
        return r.containerEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayNamePrefix))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failed container " + displayNamePrefix + "; events: "
                        + r.allEvents().list()));
    }
}
