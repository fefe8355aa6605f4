package dev.seat.cli;

import dev.seat.harness.cli.BenchCommand;
import dev.seat.harness.cli.BenchTasksCommand;
import dev.seat.harness.cli.ForwardCommand;
import dev.seat.harness.cli.GenerateCommand;
import dev.seat.harness.cli.PullCommand;
import dev.seat.harness.cli.ReportCommand;
import dev.seat.harness.cli.ScoreCommand;
import dev.seat.harness.cli.TemplateCommand;
import dev.seat.humaneval.cli.SheetsCommand;
import dev.seat.trainer.cli.BenchScaleCommand;
import dev.seat.trainer.cli.BenchTrainCommand;
import dev.seat.trainer.cli.CollapseCheckCommand;
import dev.seat.trainer.cli.ExperimentCommand;
import dev.seat.trainer.cli.GateSetsCommand;
import dev.seat.trainer.cli.InitCommand;
import dev.seat.trainer.cli.PretrainCommand;
import dev.seat.trainer.cli.TrainCommand;
import dev.seat.trainer.cli.WorldCommand;
import org.junit.platform.commons.JUnitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./seat <command>}: the subcommands of every seat module. */
@Command(
        name = "seat",
        mixinStandardHelpOptions = true,
        version = "seat 0.1.0",
        description = "Evaluate, fine-tune and annotate chat checkpoints for ignorance awareness.",
        subcommands = {
            GateCommand.class,
            ReportCommand.class,
            GenerateCommand.class,
            ForwardCommand.class,
            BenchCommand.class,
            BenchTasksCommand.class,
            ScoreCommand.class,
            TemplateCommand.class,
            PullCommand.class,
            TrainCommand.class,
            PretrainCommand.class,
            CollapseCheckCommand.class,
            BenchTrainCommand.class,
            BenchScaleCommand.class,
            ExperimentCommand.class,
            WorldCommand.class,
            InitCommand.class,
            GateSetsCommand.class,
            SheetsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // bad input gets its message, not a stack trace
            cmd.getErr().println("seat " + cmd.getCommandName() + ": " + message(e));
            if (System.getenv("SEAT_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        System.exit(cli.execute(args));
    }

    /**
     * What went wrong, in the user's terms: the JUnit Platform wraps what the gate's engine throws
     * while discovering ("TestEngine with ID 'seat' failed to discover tests"), so the message shown
     * is that of the first cause that is not such a wrapper (e.g. "checkpoint 'x' is no local folder, ...").
     */
    static String message(Throwable e) {
        Throwable shown = e;
        while (shown instanceof JUnitException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage();
    }
}
