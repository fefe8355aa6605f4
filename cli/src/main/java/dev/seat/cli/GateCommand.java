package dev.seat.cli;

import dev.seat.harness.cli.GateOptions;
import dev.seat.harness.engine.GateLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code seat gate}: the ignorance-awareness gate on one checkpoint — the same suites
 * {@code mvn test} runs, through the JUnit Platform, printed as a short report.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Run the gate's suites (unverifiable questions, unseen entities, learned facts, retained "
                + "knowledge, drift) on a checkpoint; exit code 1 when a check fails, 2 when no check ran.")
final class GateCommand implements Callable<Integer> {
    @Mixin
    GateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return GateLauncher.run(options.config(), options.suites, options.items, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
