package dev.seat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./seat <command>}: the subcommands of every seat module. */
@Command(
        name = "seat",
        mixinStandardHelpOptions = true,
        version = "seat 0.1.0",
        description = "Evaluate, fine-tune and annotate chat checkpoints for ignorance awareness.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
