package dev.seat.spark;

import dev.seat.harness.cli.GateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./seat spark gate|sweep|experiment}, and the main class of the assembly jar for
 * {@code spark-submit}: the same options as the local commands, the same run folders.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        subcommands = {SparkMain.Gate.class, SparkMain.Sweep.class, SparkMain.Experiment.class},
        description = "Run the gate, a sweep of checkpoints or Table 2 on Apache Spark.")
public final class SparkMain implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getErr().println("seat spark: name a job: gate, sweep or experiment");
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("seat spark " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("SEAT_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        System.exit(cli.execute(args));
    }

    /** Options every job takes. */
    static final class Cluster {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: the one spark-submit set, else local[*])")
        String master;

        @Option(names = "--shares", paramLabel = "N",
                description = "Tasks per question set (default: Spark's default parallelism)")
        Integer shares;

        JavaSparkContext context(String job) {
            SparkConf conf = new SparkConf().setAppName("seat " + job);
            if (master != null) {
                conf.setMaster(master);
            } else if (!conf.contains("spark.master")) {
                conf.setMaster("local[*]");
            }
            conf.setIfMissing("spark.ui.enabled", "false");
            JavaSparkContext sc = new JavaSparkContext(conf);
            sc.setLogLevel("WARN");
            return sc;
        }

        SparkGate.Options options(JavaSparkContext sc) {
            return shares == null ? SparkGate.Options.defaults(sc) : new SparkGate.Options(shares, false);
        }
    }

    @Command(name = "gate", mixinStandardHelpOptions = true,
            description = "The gate of one checkpoint, its answers produced by the executors; exit code as ./seat gate.")
    static final class Gate implements Callable<Integer> {
        @Mixin
        GateOptions gate;

        @Mixin
        Cluster cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (JavaSparkContext sc = cluster.context("gate")) {
                return SparkGate.run(sc, cluster.options(sc), gate.config(), gate.suites, gate.items,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "The gate of every checkpoint given, then one summary table (<results>/sweeps/<id>/summary.md).")
    static final class Sweep implements Callable<Integer> {
        @Mixin
        GateOptions gate;

        @Mixin
        Cluster cluster;

        @Parameters(arity = "1..*", paramLabel = "CHECKPOINT", description = "checkpoint folders (distinct names)")
        List<Path> checkpoints = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (JavaSparkContext sc = cluster.context("sweep")) {
                return SparkSweep.run(sc, cluster.options(sc), checkpoints, gate.config(), gate.suites,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "experiment", mixinStandardHelpOptions = true,
            description = "Table 2, one task per run: spark experiment table2 [--gpus-per-task N] <table2 options>.")
    static final class Experiment implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "table2, followed by its options")
        String name;

        @Option(names = "--gpus-per-task", paramLabel = "N", defaultValue = "0",
                description = "GPUs each run asks Spark for (0: CPU; default ${DEFAULT-VALUE})")
        int gpusPerTask;

        @Mixin
        Cluster cluster;

        /** The options of {@code ./seat experiment table2}, passed on as they are. */
        @CommandLine.Unmatched
        List<String> table2 = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!name.equals("table2")) {
                throw new IllegalArgumentException("unknown experiment '" + name + "'; known: table2");
            }
            try (JavaSparkContext sc = cluster.context("experiment table2")) {
                return SparkExperiments.table2(sc, table2, gpusPerTask, spec.commandLine().getErr());
            }
        }
    }
}
