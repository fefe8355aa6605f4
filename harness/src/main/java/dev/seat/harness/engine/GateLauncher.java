package dev.seat.harness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the gate's suites through the JUnit Platform, as {@code mvn test} does, and prints a short
 * report: {@code ./seat gate} and the cluster jobs run the gate this one way, so the checks and the
 * exit code are the same wherever the answers were produced.
 */
public final class GateLauncher {
    /** The package of the gate's own suites. */
    public static final String SUITES = "dev.seat.suites";

    /** Exit code when a check failed or a suite could not run. */
    public static final int FAILED = 1;
    /** Exit code when no check ran, so nothing was gated. */
    public static final int NOTHING_RAN = 2;

    private GateLauncher() {}

    /**
     * Runs the suites (all of {@link #SUITES} when {@code suites} is empty, else these class names
     * in it) with the configuration parameters and prints the report.
     *
     * @return 0 when every check that ran passed and at least one ran, {@link #FAILED} when a check
     *     failed or errored, {@link #NOTHING_RAN} when none ran
     */
    public static int run(Map<String, String> config, List<String> suites, boolean items, PrintWriter out,
            PrintWriter err) {
        List<DiscoverySelector> selectors = suites.isEmpty() ? List.of(selectPackage(SUITES))
                : suites.stream().map(n -> (DiscoverySelector) selectClass(SUITES + "." + n)).toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(config)
                .build();
        Report report = new Report(out, items);
        LauncherFactory.create().execute(request, report);
        out.printf("%n%d checks: %d passed, %d failed, %d skipped%n", report.passed + report.failed + report.skipped,
                report.passed, report.failed, report.skipped);
        report.html.ifPresent(p -> out.println("report: " + p));
        out.flush();
        if (report.failed > 0 || report.errors > 0) {
            return FAILED;
        }
        if (report.passed == 0) {
            err.println("seat gate: no check ran (" + report.skipped + " skipped), so nothing "
                    + "was gated; see the SKIP reasons above");
            err.flush();
            return NOTHING_RAN;
        }
        return 0;
    }

    /** The suite classes a run over {@code suites} (class names in {@link #SUITES}; empty: all) covers. */
    public static List<Class<?>> suiteClasses(List<String> suites) {
        if (suites.isEmpty()) {
            return GatePlan.suitesIn(SUITES);
        }
        return suites.stream().<Class<?>>map(n -> {
            try {
                return Class.forName(SUITES + "." + n);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("No suite " + SUITES + "." + n + " on the classpath");
            }
        }).toList();
    }

    /** Prints suites, their checks and a tally of their answers as they finish. */
    public static final class Report implements TestExecutionListener {
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

        @Override
        public void fileEntryPublished(TestIdentifier id, FileEntry file) {
            if (file.getPath().getFileName().toString().equals("report.html")) {
                html = Optional.of(file.getPath());
            }
        }

        private static boolean isSuite(TestIdentifier id) {
            return id.isContainer() && id.getSource().isPresent();
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
