package dev.seat.harness.cli;

import ai.djl.Device;
import dev.seat.harness.eval.AutoBatchSize;
import dev.seat.harness.eval.BenchmarkCache;
import dev.seat.harness.eval.OomHalvingLanguageModel;
import dev.seat.harness.model.Devices;
import dev.seat.harness.model.MemoryBudget;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.tasks.PromptOptions;
import dev.seat.harness.text.ChatTemplate;
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
                + "hellaswag, mmlu, truthfulqa_mc1, truthfulqa_mc2, gsm8k, triviaqa, task files *.json, lm-eval task YAMLs *.yaml "
                + "or folders of them) "
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
            description = "Comma-separated task, group or tag names, task files (.json, lm-eval .yaml), or folders of YAMLs.")
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

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N|auto",
            description = "Requests scored together (default: ${DEFAULT-VALUE}); auto: on CPU the largest batch whose "
                    + "forward pass fits half the free memory (at most 64), on a GPU 64 halved on each out-of-memory error.")
    private String batchSize;

    @Option(names = "--include-path", paramLabel = "DIR",
            description = "Folder of lm-eval task YAML files whose tasks, groups and tags --tasks may then name (repeatable).")
    private List<Path> includePaths = List.of();

    @Option(names = "--apply-chat-template",
            description = "Render each request through the checkpoint's chat template (lm-eval's --apply_chat_template).")
    private boolean applyChatTemplate;

    @Option(names = "--system-instruction", paramLabel = "TEXT",
            description = "Text before each prompt (a system message with --apply-chat-template).")
    private String systemInstruction;

    @Option(names = "--fewshot-as-multiturn",
            description = "Few-shot examples as user/assistant turns (needs --apply-chat-template).")
    private boolean fewshotAsMultiturn;

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
        PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
        if (fewshotAsMultiturn && !applyChatTemplate) {
            throw new IllegalArgumentException("--fewshot-as-multiturn needs --apply-chat-template (as in lm-eval)");
        }
        DataLocator locator = dataDir == null ? DataLocator.defaults() : DataLocator.of(dataDir);
        TaskRegistry registry = TaskRegistry.builtins().onWarning(w -> err.println("seat: " + w));
        includePaths.forEach(registry::addIncludePath);
        BenchmarkEvaluator evaluator = new BenchmarkEvaluator(registry, locator);
        evaluator.registry().select(tasks); // unknown names fail before the model is loaded
        PromptOptions prompts = new PromptOptions(applyChatTemplate ? chatTemplate() : null, systemInstruction, fewshotAsMultiturn);
        Function<Path, LanguageModel> factory = modelFactory != null ? modelFactory : this::open;
        long start = System.nanoTime();
        LanguageModel model = factory.apply(checkpoint);
        try {
            String name = HubCache.checkpointName(checkpoint);
            Optional<BenchmarkCache> cache = noCache ? Optional.empty()
                    : Optional.of(new BenchmarkCache(ResponseCache.forCheckpoint(results, name).dir()));
            BenchmarkResult run = evaluator.measure(model, name, tasks, limit, numFewshot, prompts, cache);
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

    /** The checkpoint's chat template; refused clearly when it has none. */
    private ChatTemplate chatTemplate() {
        return ChatTemplate.load(checkpoint, null).orElseThrow(() -> new IllegalArgumentException("--apply-chat-template: "
                + checkpoint + " has no chat template (no chat_template in tokenizer_config.json, no chat_template.jinja)"));
    }

    /** The checkpoint on the PyTorch engine at the asked batch size ({@code auto}: see {@link AutoBatchSize}). */
    private LanguageModel open(Path dir) {
        Checkpoint.Options options = device.options(true);
        if (!batchSize.equals("auto")) {
            int n;
            try {
                n = Integer.parseInt(batchSize);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batch-size must be a positive number or auto, got '" + batchSize + "'");
            }
            if (n < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, got " + n);
            }
            return CheckpointLanguageModel.open(dir, options, n);
        }
        if (Devices.parse(device.device()).isGpu()) {
            return new OomHalvingLanguageModel(Checkpoint.load(dir, options));
        }
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        MemoryBudget.Available free = MemoryBudget.available(Device.cpu());
        int n = AutoBatchSize.forMemory(config, free.bytes(), 4);
        (spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr()).println("seat: --batch-size auto: " + n + " (half of " + free.bytes() / (1 << 20)
                + " MiB " + free.source() + " after the float32 weights, " + AutoBatchSize.bytesPerRow(config,
                Math.min(AutoBatchSize.LENGTH, config.maxPositionEmbeddings())) / (1 << 20) + " MiB a row, at most "
                + AutoBatchSize.MAX + ")");
        return CheckpointLanguageModel.open(dir, options, n);
    }

    private static String line(String name, Map<String, Map<String, TaskMetric>> metrics) {
        StringBuilder b = new StringBuilder(String.format("%-40s", name));
        metrics.forEach((filter, byMetric) -> byMetric.forEach((metric, v) -> b.append(String.format(
                "  %s,%s=%.4f±%s", metric, filter, v.value(), Double.isNaN(v.stderr()) ? "N/A" : String.format("%.4f", v.stderr())))));
        return b.toString();
    }
}
