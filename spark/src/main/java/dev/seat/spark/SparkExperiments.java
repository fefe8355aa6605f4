package dev.seat.spark;

import dev.seat.trainer.cli.ExperimentCommand;
import dev.seat.trainer.experiment.Table2Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import picocli.CommandLine;

/**
 * Table 2 as a Spark job: each run (method, α, seed) that has no result yet is one task, which
 * runs it as {@code ./seat experiment table2} does ({@link Table2Experiment#execute}, one run), so
 * its record is written atomically to {@code <out>/runs/<id>.json} on shared storage and a retried
 * or repeated task finds it and skips it. The driver rebuilds the tables at the end and, like the
 * local command, exits 1 when a run failed. With {@code gpusPerTask > 0} each task asks Spark's
 * resource scheduling for that many GPUs (the executors need GPUs and a discovery script).
 */
public final class SparkExperiments {
    private SparkExperiments() {}

    /**
     * @param table2Args the arguments of {@code ./seat experiment table2} (executors parse them again)
     * @return 0 when every run finished, 1 when one failed
     */
    public static int table2(JavaSparkContext sc, List<String> table2Args, int gpusPerTask, PrintWriter err)
            throws IOException {
        ExperimentCommand.Table2 command = parse(table2Args);
        Table2Experiment exp = command.experiment();
        List<Table2Experiment.Run> plan = command.plan();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!Files.exists(exp.runFile(plan.get(i)))) {
                todo.add(i);
            }
        }
        err.printf("seat spark experiment table2: %d of %d runs to do%n", todo.size(), plan.size());
        err.flush();
        if (!todo.isEmpty()) {
            JavaRDD<Integer> runs = sc.parallelize(todo, todo.size());
            if (gpusPerTask > 0) {
                ResourceProfile gpu = new ResourceProfileBuilder()
                        .require(new TaskResourceRequests().cpus(1).resource("gpu", gpusPerTask)).build();
                runs = runs.withResources(gpu);
            }
            List<String> args = List.copyOf(table2Args);
            runs.foreach(i -> runOne(args, i));
        }
        exp.writeTables();
        return command.reportFailures(exp, plan);
    }

    /** One task: the run at index {@code i} of the plan, unless it is finished. */
    static void runOne(List<String> table2Args, int i) {
        ExperimentCommand.Table2 command = parse(table2Args);
        Table2Experiment exp = command.experiment();
        try {
            command.execute(exp, List.of(command.plan().get(i)), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExperimentCommand.Table2 parse(List<String> args) {
        ExperimentCommand.Table2 command = new ExperimentCommand.Table2();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command;
    }
}
