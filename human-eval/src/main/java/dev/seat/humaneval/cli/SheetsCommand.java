package dev.seat.humaneval.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code seat sheets}: the human evaluation round trip. Exit codes of the subcommands: 0 done,
 * 1 some input was rejected (messages on stderr), 2 invalid options or unusable input.
 */
@Command(
        name = "sheets",
        mixinStandardHelpOptions = true,
        description = "Human evaluation: export response sheets, ingest annotators' labels, report IDK_HA and agreement.",
        subcommands = {ExportCommand.class, IngestCommand.class, ReportCommand.class})
public final class SheetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing subcommand: export, ingest or report");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
