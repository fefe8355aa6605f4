package dev.seat.humaneval.cli;

import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.ingest.FileOutcome;
import dev.seat.humaneval.ingest.IngestResult;
import dev.seat.humaneval.ingest.LabelIngester;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seat sheets ingest}: validate returned files and store their labels as a new round. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Check returned sheets / Label Studio / Argilla exports against the key and store their labels"
                + " (a new round; a file with any problem stores nothing).")
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The export's private/key.json.")
    Path key;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Store the labels under this annotator (default: from the exported file name or the file's contents).")
    String annotator;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Filled sheets (.csv), Label Studio exports (.json, .csv), Argilla records (.json, .jsonl).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            IngestResult result = LabelIngester.ingest(key, files, annotator);
            for (FileOutcome f : result.files()) {
                PrintWriter w = f.status() == FileOutcome.Status.REJECTED ? err : out;
                f.messages().forEach(w::println);
            }
            result.unreadableRounds().forEach(u -> err.println("warning: " + u));
            out.flush();
            err.flush();
            return result.ok() ? 0 : 1;
        } catch (HumanEvalException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
    }
}
