package dev.seat.humaneval.cli;

import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.report.HtmlReport;
import dev.seat.humaneval.report.HumanEvalReport;
import dev.seat.humaneval.report.RunResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat sheets report}: IDK_HA and agreement into the run folders and a Markdown report. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Compute IDK_HA per run, annotator agreement and automatic-vs-human agreement from the stored"
                + " labels; write them into each run's metrics.json, a Markdown report and report.html (charts, confusion"
                + " matrix, every item with the disagreements first).")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The export's private/key.json.")
    Path key;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: <export>/report).")
    Path out;

    @Override
    public Integer call() {
        try {
            HumanEvalReport report = HumanEvalReport.compute(key);
            report.unreadableRounds().forEach(u -> spec.commandLine().getErr().println("warning: " + u));
            report.writeIntoRuns();
            Path md = report.writeReport(out != null ? out : report.defaultReportDir());
            var w = spec.commandLine().getOut();
            for (RunResult r : report.runs()) {
                w.println(String.format(Locale.ROOT, "%s/%s %s: IDK_HA %s ± %s (n=%d, %d unlabelled)",
                        r.checkpoint(), r.runId(), r.dataset(), fmt(r.idkHa().mean()), fmt(r.idkHa().stderr()),
                        r.idkHa().n(), r.unlabelled()));
            }
            w.println("Markdown report: " + md);
            w.println("report: " + md.resolveSibling(HtmlReport.FILE));
            w.flush();
            return 0;
        } catch (HumanEvalException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
