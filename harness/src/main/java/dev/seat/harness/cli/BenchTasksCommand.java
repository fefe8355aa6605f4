package dev.seat.harness.cli;

import dev.seat.harness.eval.BenchmarkCache;
import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.hub.HubCache;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.model.LanguageModel;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.tasks.DataLocator;
import dev.seat.harness.tasks.GroupResult;
import dev.seat.harness.tasks.LmEvalOutput;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskRegistry;
import dev.seat.harness.tasks.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat bench-tasks}: runs lm-evaluation-harness-compatible benchmark tasks on a
 * checkpoint and writes lm-eval-shaped {@code results_<date>.json} and
 * {@code samples_<task>_<date>.jsonl} files.
 *
 * <p>Tasks run through the evaluation path's one task loop ({@link BenchmarkEvaluator}), whose
 * benchmark cache the gate shares: a second run on the same weights asks the model nothing.
 */
@Command(name = "bench-tasks", mixinStandardHelpOptions = true,
        description = "Run lm-evaluation-harness benchmark tasks (arc_easy, arc_challenge, piqa, openbookqa, sciq, "
                + "hellaswag, mmlu, truthfulqa_mc1, truthfulqa_mc2, gsm8k, triviaqa, or task files *.json) "
                + "and write lm-eval-shaped results.")
public final class BenchTasksCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    DeviceOption device;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "Hugging Face checkpoint folder, or a Hub model id fetched into the Hugging Face cache.")
    private Path checkpoint;

    @Option(names = "--tasks", required = true, split = ",", paramLabel = "TASK",
            description = "Comma-separated task or group names, or task files ending in .json.")
    private List<String> tasks;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N documents of each task.")
    private Integer limit;

    @Option(names = "--num-fewshot", paramLabel = "K", description = "Few-shot examples per prompt (default: each task's own).")
    private Integer numFewshot;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/bench-tasks",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding the benchmark data files (default: ../shared/datasets/benchmarks).")
    private Path dataDir;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Root of the answer cache, shared with the gate: <DIR>/<checkpoint>/cache (default: ${DEFAULT-VALUE}).")
    private Path results;

    @Option(names = "--no-cache", description = "Ask the model everything again instead of replaying cached outputs.")
    private boolean noCache;

    private Function<Path, LanguageModel> modelFactory;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N",
            description = "Requests scored together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    /** Opens the checkpoint folder on the PyTorch engine (CPU). */
    public BenchTasksCommand() {
        this(null);
    }

    /** Opens checkpoints with {@code modelFactory} (tests use scripted models). */
    public BenchTasksCommand(Function<Path, LanguageModel> modelFactory) {
        this.modelFactory = modelFactory;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        if (numFewshot != null && numFewshot < 0) {
            throw new IllegalArgumentException("--num-fewshot must be >= 0, got " + numFewshot);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        DataLocator locator = dataDir == null ? DataLocator.defaults() : DataLocator.of(dataDir);
        BenchmarkEvaluator evaluator = new BenchmarkEvaluator(TaskRegistry.builtins(), locator);
        evaluator.registry().select(tasks); // unknown names fail before the model is loaded
        Function<Path, LanguageModel> factory = modelFactory != null ? modelFactory
                : dir -> CheckpointLanguageModel.open(dir, device.options(true), batchSize);
        long start = System.nanoTime();
        LanguageModel model = factory.apply(checkpoint);
        try {
            String name = HubCache.checkpointName(checkpoint);
            Optional<BenchmarkCache> cache = noCache ? Optional.empty()
                    : Optional.of(new BenchmarkCache(ResponseCache.forCheckpoint(results, name).dir()));
            BenchmarkResult run = evaluator.measure(model, name, tasks, limit, numFewshot, cache);
            double seconds = (System.nanoTime() - start) / 1e9;
            LmEvalOutput.Written written = LmEvalOutput.write(out,
                    new LmEvalOutput.RunInfo("seat", "checkpoint=" + checkpoint.toAbsolutePath(), model.fingerprint(),
                            limit, locator.dataDir().toString()),
                    run.tasks(), run.groups(), seconds);
            for (TaskResult t : run.tasks()) {
                console.println(line(t.task(), t.metrics()) + "  (n=" + t.effectiveSize() + ", " + t.numFewshot() + "-shot)");
            }
            for (GroupResult g : run.groups()) {
                console.println(line(g.name(), g.metrics()));
            }
            console.println("Wrote " + written.results() + " and " + written.samples().size() + " samples file(s)");
        } finally {
            if (model instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return 0;
    }

    private static String line(String name, Map<String, Map<String, TaskMetric>> metrics) {
        StringBuilder b = new StringBuilder(String.format("%-40s", name));
        metrics.forEach((filter, byMetric) -> byMetric.forEach((metric, v) -> b.append(String.format(
                "  %s,%s=%.4f±%s", metric, filter, v.value(), Double.isNaN(v.stderr()) ? "N/A" : String.format("%.4f", v.stderr())))));
        return b.toString();
    }
}
