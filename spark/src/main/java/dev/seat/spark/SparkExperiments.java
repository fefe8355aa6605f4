package dev.seat.spark;

import dev.seat.trainer.cli.ExperimentCommand;
import dev.seat.trainer.experiment.Table2Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.ResourceUtils;
import org.apache.spark.resource.TaskResourceRequests;
import picocli.CommandLine;

/**
 * Table 2 as a Spark job: each run (method, α, seed) that has no result yet is one task, which
 * runs it as {@code ./seat experiment table2} does ({@link Table2Experiment#execute}, one run), so
 * its record is written atomically to {@code <out>/runs/<id>.json} on shared storage and a retried
 * or repeated task finds it and skips it. The driver rebuilds the tables at the end and, like the
 * local command, exits 1 when a run failed. With {@code gpusPerTask > 0} each task asks Spark's
 * resource scheduling for that many GPUs (the executors need GPUs and a discovery script, e.g. the
 * module's {@code scripts/gpu-discovery.sh}) and runs on the first it is assigned ({@code --device gpu:N}).
 */
public final class SparkExperiments {
    /**
     * DJL's PyTorch engine lets one gradient collector at a time exist per JVM, so the runs an
     * executor JVM is given train one after the other (give executors one task slot each, and
     * scale with more executors).
     */
    private static final Object ONE_RUN_PER_JVM = new Object();

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

    /** One task: the run at index {@code i} of the plan, unless it is finished, on the task's GPU if it has one. */
    static void runOne(List<String> table2Args, int i) {
        TaskContext task = TaskContext.get();
        ExperimentCommand.Table2 command = taskCommand(table2Args, task == null ? Map.of() : task.resourcesJMap());
        Table2Experiment exp = command.experiment();
        try {
            synchronized (ONE_RUN_PER_JVM) {
                command.execute(exp, List.of(command.plan().get(i)), 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command of one task: the job's arguments, with {@code --device gpu:<address>} in place of
     * any {@code --device} when Spark assigned the task a GPU (its first, when it asked for more:
     * a run trains on one device), so runs sharing an executor never share a GPU.
     */
    static ExperimentCommand.Table2 taskCommand(List<String> table2Args, Map<String, ResourceInformation> resources) {
        ResourceInformation gpus = resources.get(ResourceUtils.GPU());
        if (gpus == null || gpus.addresses().length == 0) {
            return parse(table2Args);
        }
        List<String> args = new ArrayList<>();
        for (int k = 0; k < table2Args.size(); k++) {
            String a = table2Args.get(k);
            if (a.equals("--device")) {
                k++; // and its value
            } else if (!a.startsWith("--device=")) {
                args.add(a);
            }
        }
        args.add("--device");
        args.add("gpu:" + gpus.addresses()[0]);
        return parse(args);
    }

    private static ExperimentCommand.Table2 parse(List<String> args) {
        ExperimentCommand.Table2 command = new ExperimentCommand.Table2();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command;
    }
}
