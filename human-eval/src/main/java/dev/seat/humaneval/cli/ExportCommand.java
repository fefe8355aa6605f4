package dev.seat.humaneval.cli;

import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat sheets export}: blinded sheets, Label Studio tasks, instructions and the private key. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Pool the responses of result runs into blinded annotation sheets (one CSV per annotator),"
                + " Label Studio tasks, instructions and a private key.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", arity = "1..*", required = true, paramLabel = "RUN_DIR",
            description = "Run folders results/<checkpoint>/<run-id>/ to take responses from.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--annotators", required = true, paramLabel = "N", description = "Number of annotators.")
    int annotators;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder (new or empty).")
    Path out;

    @Option(names = "--overlap", paramLabel = "K", description = "Give every item to K of the N annotators (default: all N).")
    Integer overlap;

    @Option(names = "--sample", paramLabel = "M", description = "Draw M responses at random per run and dataset (default: all).")
    Integer sample;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of sampling and orders (default: random, recorded in the key).")
    Long seed;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only this dataset of each run (repeatable; default: all).")
    List<String> datasets = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            ExportResult r = SheetExporter.export(runs,
                    new ExportOptions(out, annotators, overlap, sample, seed, datasets));
            var w = spec.commandLine().getOut();
            w.println("Export " + r.exportId() + ": " + r.itemCount() + " items, seed " + r.key().seed());
            r.sheets().forEach((a, p) -> w.println("  " + a + ": " + p + " (" + r.key().annotators().stream()
                    .filter(s -> s.name().equals(a)).findFirst().orElseThrow().order().size() + " items)"));
            w.println("  Label Studio: " + r.labelStudioConfig().getParent());
            w.println("  instructions: " + r.instructions());
            w.println("  private key (do not share): " + r.keyFile());
            w.flush();
            return 0;
        } catch (HumanEvalException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }
}
