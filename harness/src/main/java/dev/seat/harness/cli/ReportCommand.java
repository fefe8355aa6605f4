package dev.seat.harness.cli;

import dev.seat.harness.report.ExperimentReport;
import dev.seat.harness.report.GateReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seat report RUN_DIR|EXPERIMENT_DIR [--out FILE.html]}: the HTML report of a gate run folder
 * (it has {@code manifest.json}) or of an experiment folder (it has {@code table2.json} or
 * {@code sweep.json}), written to {@code report.html} in the folder unless {@code --out} says
 * otherwise. Prints the path; exits 2 when the folder is neither.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the self-contained HTML report (inline SVG charts) of a gate run folder or an experiment folder.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A gate run folder (results/<checkpoint>/<run-id>) or an experiment folder "
            + "(results/experiments/table2)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.html", description = "default: DIR/report.html")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = out != null ? out : dir.resolve(GateReport.FILE);
        Path written;
        if (GateReport.isRunFolder(dir)) {
            written = GateReport.write(dir, target);
        } else if (ExperimentReport.isExperimentFolder(dir)) {
            written = ExperimentReport.write(dir, target);
        } else {
            spec.commandLine().getErr().println("seat report: " + dir + (Files.isDirectory(dir) ? " has neither manifest.json "
                    + "(a gate run folder) nor table2.json / sweep.json (an experiment folder)" : " is not a folder"));
            return 2;
        }
        spec.commandLine().getOut().println("report: " + written.toAbsolutePath().normalize());
        return 0;
    }
}
