package dev.seat.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat gate}: the ignorance-awareness gate on one checkpoint — the same suites
 * {@code mvn test} runs, through the JUnit Platform, printed as a short report.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Run the gate's suites (unverifiable questions, unseen entities, learned facts, retained "
                + "knowledge, drift) on a checkpoint; exit code 1 when a check fails, 2 when no check ran.")
final class GateCommand implements Callable<Integer> {
    private static final String SUITES = "dev.seat.suites";

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "default: models/tiny-base")
    Path checkpoint;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The base model, for drop and drift checks")
    Path baseline;

    @Option(names = "--limit", paramLabel = "N", description = "Ask only the first N questions of each set")
    Integer limit;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "true",
            description = "Any gate setting, e.g. -D dataset.unverifiable=FILE -D threshold.unverifiable.refuses=0.9")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--items", description = "Also print every answer")
    boolean items;

    @Option(names = "--suite", split = ",", paramLabel = "NAME",
            description = "Run only these suites (class names in dev.seat.suites, e.g. UnverifiableQuestions)")
    List<String> suites = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> config = new LinkedHashMap<>(settings);
        Optional.ofNullable(checkpoint).ifPresent(c -> config.put("checkpoint", c.toString()));
        Optional.ofNullable(baseline).ifPresent(b -> config.put("baseline", b.toString()));
        Optional.ofNullable(limit).ifPresent(l -> config.put("limit", l.toString()));
        List<DiscoverySelector> selectors = suites.isEmpty() ? List.of(selectPackage(SUITES))
                : suites.stream().map(n -> (DiscoverySelector) selectClass(SUITES + "." + n)).toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(config)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        Report report = new Report(out, items);
        LauncherFactory.create().execute(request, report);
        out.printf("%n%d checks: %d passed, %d failed, %d skipped%n", report.passed + report.failed + report.skipped,
                report.passed, report.failed, report.skipped);
        report.html.ifPresent(p -> out.println("report: " + p));
        out.flush();
        if (report.failed > 0 || report.errors > 0) {
            return 1;
        }
        if (report.passed == 0) {
            spec.commandLine().getErr().println("seat gate: no check ran (" + report.skipped + " skipped), so nothing "
                    + "was gated; see the SKIP reasons above");
            return 2;
        }
        return 0;
    }

    /** Prints suites, their checks and a tally of their answers as they finish. */
    static final class Report implements TestExecutionListener {
        private final PrintWriter out;
        private final boolean showItems;
        private final Map<String, Integer> verdicts = new TreeMap<>();
        int passed;
        int failed;
        int skipped;
        int errors;
        /** The run's {@code report.html}, once the engine published it. */
        Optional<Path> html = Optional.empty();

        Report(PrintWriter out, boolean showItems) {
            this.out = out;
            this.showItems = showItems;
        }

        private static boolean isItem(TestIdentifier id) {
            return id.getSource().filter(s -> s instanceof MethodSource m && m.getMethodName().equals("answers")).isPresent();
        }

        private static boolean isSuite(TestIdentifier id) {
            return id.isContainer() && id.getSource().isPresent();
        }

        @Override
        public void fileEntryPublished(TestIdentifier id, FileEntry file) {
            if (file.getPath().getFileName().toString().equals("report.html")) {
                html = Optional.of(file.getPath());
            }
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (isSuite(id)) {
                verdicts.clear();
                out.println();
                out.println(id.getDisplayName());
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (isSuite(id)) { // a whole suite not run: its own heading, then why
                out.printf("%n%s%n  SKIP  %s%n", id.getDisplayName(), reason);
            } else if (!isItem(id)) {
                skipped++;
                out.printf("  SKIP  %s: %s%n", id.getDisplayName(), reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            if (isItem(id)) {
                String name = id.getDisplayName();
                String verdict = name.startsWith("[") && name.indexOf(']') > 0 ? name.substring(1, name.indexOf(']')) : "?";
                verdicts.merge(verdict.startsWith("recall") ? "answered (ROUGE-1 recall shown per item)" : verdict, 1, Integer::sum);
                if (showItems) {
                    out.println("        " + name);
                }
            } else if (id.isTest()) {
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        passed++;
                        out.printf("  PASS  %s%n", id.getDisplayName());
                    }
                    case FAILED -> {
                        failed++;
                        out.printf("  FAIL  %s%n%s%n", id.getDisplayName(), indent(message));
                    }
                    case ABORTED -> {
                        skipped++;
                        out.printf("  SKIP  %s: %s%n", id.getDisplayName(), message);
                    }
                }
            } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                errors++;
                out.printf("  ERROR %s%n%s%n", id.getDisplayName(), indent(message));
            }
            if (isSuite(id) && !verdicts.isEmpty()) {
                out.println("  answers: " + verdicts);
            }
        }

        private static String indent(String text) {
            return ("        " + text.strip()).replace("\n", "\n        ");
        }
    }
}
