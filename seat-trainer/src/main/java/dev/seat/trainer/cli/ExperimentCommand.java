package dev.seat.trainer.cli;

import dev.seat.harness.cli.CheckpointPath;
import dev.seat.harness.cli.DataPath;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.ScorerSettings;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.experiment.BaseCheck;
import dev.seat.trainer.experiment.DownstreamBenchmarks;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.experiment.GateEvaluation;
import dev.seat.trainer.experiment.Table2Experiment;
import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat experiment}: the paper's experiments, on the embedded model or any Hugging Face base. */
@Command(name = "experiment", mixinStandardHelpOptions = true, subcommands = ExperimentCommand.Table2.class,
        description = "Reproduce the paper's experiments on the embedded world or any Hugging Face base (subcommand: table2).")
public final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getErr().println("seat experiment: name an experiment, e.g. 'seat experiment table2 --base models/tiny-base'");
    }

    /** {@code seat experiment table2}. */
    @Command(name = "table2", mixinStandardHelpOptions = true,
            description = "Methods x seeds (mean ± std), ablations and a SEAT sparsity sweep; tables, each run's answers "
                    + "and a case study under --out. Finished runs are kept in --out/runs and skipped, so the command "
                    + "continues where it stopped.")
    public static final class Table2 implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DeviceOption device;

        @Option(names = "--base", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "Any Hugging Face chat checkpoint; one pretrained on the embedded world (training_config.json "
                    + "records world_seed) is evaluated on its world's sets, any other on the gate's sets")
        Path base;

        @Option(names = "--data", paramLabel = "pistol|tofu|FILE|hf://datasets/ORG/NAME/PATH",
            description = "Fine-tuning QA: pistol (../shared PISTOL sample; models then asked about TOFU's authors), tofu "
                    + "(TOFU forget01; asked about PISTOL's companies: Table 3(a)'s other direction) or a file (default: "
                    + "pistol when ../shared has it, else the world's contracts)")
        String data;

        @Option(names = "--factual", paramLabel = "FILE",
            description = "Known facts a base without a world is asked (the gate's dataset.factual; default: the built-in set)")
        Path factual;

        @Option(names = "--benchmarks", split = ",", paramLabel = "TASK",
            description = "lm-eval tasks measured on the base and every model (the paper's Table 6), e.g. arc_easy,piqa")
        List<String> benchmarks;

        @Option(names = "--benchmark-limit", paramLabel = "N", description = "Documents per benchmark task (default: all)")
        Integer benchmarkLimit;

        @Option(names = "--num-fewshot", paramLabel = "K", description = "Few-shot examples per benchmark prompt (default: each task's)")
        Integer numFewshot;

        @Option(names = "--methods", defaultValue = "full,sparse,seat,lora,full-kl-ep,sparse-kl-noep", split = ",",
                description = "default: ${DEFAULT-VALUE}")
        List<String> methods;

        @Option(names = "--sweep", defaultValue = "0,0.2,0.4,0.6,0.8,0.9,0.95",
                description = "SEAT sparsities, comma-separated; 'none' to skip (default: ${DEFAULT-VALUE})")
        String sweepList;

        @Option(names = "--seeds", defaultValue = "0,1,2", split = ",", description = "default: ${DEFAULT-VALUE}")
        List<Long> seeds;

        @Option(names = "--epochs", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "16", description = "default: ${DEFAULT-VALUE}")
        int batchSize;

        @Option(names = "--eval-limit", defaultValue = "0", description = "Cap each gate set at this many questions, 0 = all (default: ${DEFAULT-VALUE})")
        int evalLimit;

        @Option(names = "--max-new-tokens", defaultValue = "48", description = "default: ${DEFAULT-VALUE}")
        int maxNewTokens;

        @Option(names = "--kl-positions", defaultValue = "all", description = "all|answer: which positions of x̃ the KL covers (default: ${DEFAULT-VALUE})")
        String klPositions;

        @Option(names = "--lr-scale", defaultValue = "1", description = "Multiply every method's default learning rate (default: ${DEFAULT-VALUE})")
        double lrScale;

        @Option(names = "--idk-phrases", paramLabel = "FILE",
                description = "IDK_SM phrase list (the gate's idk.phrases; default: the bundled versioned list)")
        Path idkPhrases;

        @Option(names = "--no-idk-cs", description = "Skip IDK_CS (no sentence embedder)")
        boolean noCosine;

        @Option(names = "--max-runs", defaultValue = "0", description = "Stop after this many new runs, 0 = all (default: ${DEFAULT-VALUE})")
        int maxRuns;

        @Option(names = "--dry-run", description = "Print the plan and which runs are done (loads no model)")
        boolean dryRun;

        @Option(names = "--rerun", split = ",", paramLabel = "RUN",
                description = "Finished runs to redo, by name (full-s0, seat-a0.8-s1) or id; each new record replaces the "
                        + "old one under the same id (e.g. to record a loss curve a run from an older version lacks)")
        List<String> rerun;

        @Option(names = "--out", defaultValue = "results/experiments/table2", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
        Path out;

        @Option(names = "--results", paramLabel = "DIR",
                description = "Root of the answer and benchmark caches, shared with the gate (default: the checkout's results/)")
        Path results;

        /** The world the base was pretrained on, or null for a base without one. */
        private World world() {
            return FineTune.worldOf(base);
        }

        /** The fine-tuning data: a keyword or a file ({@code hf://} fetched). */
        private ExperimentData data(World world) {
            boolean keyword = data != null && List.of("pistol", "tofu").contains(data.strip().toLowerCase(java.util.Locale.ROOT));
            String file = data == null || keyword ? data : new DataPath().convert(data).toString();
            return ExperimentData.of(file, world);
        }

        /** The experiment these options describe (reads no model). */
        public Table2Experiment experiment() {
            ExperimentData d = data(world());
            if (!(lrScale > 0)) {
                throw new IllegalArgumentException("--lr-scale must be > 0, got " + lrScale);
            }
            if (factual != null && !Files.isRegularFile(factual)) {
                throw new IllegalArgumentException("--factual " + factual + " is not a file");
            }
            DownstreamBenchmarks bench = benchmarks == null ? null : new DownstreamBenchmarks(benchmarks, benchmarkLimit, numFewshot);
            if (bench != null) {
                bench.validate();
            }
            return new Table2Experiment(new Table2Experiment.Settings(base, d.items(), d.description(),
                    epochs, batchSize, out, defaults(), lrScale, evalLimit, maxNewTokens, !noCosine, idkPhrases, factual, bench,
                    d.direction().orElse(null)), device.forTraining());
        }

        /** Every run of the experiment, done or not, in order. */
        public List<Table2Experiment.Run> plan() {
            List<Method> ms = methods.stream().map(Method::parse).toList();
            List<Double> sweep = sweepList.isBlank() || sweepList.equals("none") ? List.of()
                    : Arrays.stream(sweepList.split(",")).map(String::strip).map(Double::valueOf).toList();
            return Table2Experiment.plan(ms, sweep, seeds, defaults().alpha());
        }

        private MethodConfig defaults() {
            return MethodConfig.defaults(Method.SEAT).withKlPositions(KlPositions.parse(klPositions));
        }

        /**
         * Runs those of {@code runs} that are not finished, in this JVM, with one evaluator and one
         * base model (see {@link Table2Experiment#execute}); returns how many finished.
         */
        public int execute(Table2Experiment exp, List<Table2Experiment.Run> runs, int maxRuns) throws java.io.IOException {
            Set<Table2Experiment.Run> again = exp.selectRuns(runs, rerun == null ? List.of() : rerun);
            EvalSettings eval = EvalSettings.defaults().withBatchSize(32).withMaxNewTokens(maxNewTokens)
                    .withScorers(ScorerSettings.DEFAULTS.withIdkPhrases(idkPhrases));
            if (results != null) {
                eval = eval.withResults(results);
            }
            World world = world();
            ExperimentData d = data(world);
            try (Evaluator evaluator = new Evaluator(eval); Checkpoint baseModel = Checkpoint.load(base, device.options(true))) {
                BaseCheck.refuseUnusable(baseModel, d.items());
                GateEvaluation gate = world != null
                        ? GateEvaluation.world(world, d.items(), d.cross(), evalLimit, evaluator, !noCosine, baseModel)
                        : GateEvaluation.gate(d.items(), factual, d.cross(), evalLimit, evaluator, !noCosine, baseModel);
                return exp.execute(runs, maxRuns, gate, again);
            }
        }

        /** The device runs train and are evaluated on ({@code --device}). */
        public String device() {
            return device.device();
        }

        /** The output folder of the tables and runs. */
        public Path out() {
            return out;
        }

        /**
         * Says which runs failed (their errors are under {@code failed/}); 1 when any did, else 0.
         */
        public int reportFailures(Table2Experiment exp, List<Table2Experiment.Run> plan) {
            List<Table2Experiment.Run> failed = exp.failed(plan);
            if (failed.isEmpty()) {
                return 0;
            }
            spec.commandLine().getErr().printf("seat experiment table2: %d runs failed (%s; errors in %s); run the command again "
                    + "to retry them%n", failed.size(), failed.stream().map(exp::id).toList(), out.resolve("failed"));
            return 1;
        }

        @Override
        public Integer call() throws Exception {
            Table2Experiment exp = experiment();
            List<Table2Experiment.Run> plan = plan();
            if (dryRun) { // loads no model: the plan and the run files are all it reads
                Set<Table2Experiment.Run> again = exp.selectRuns(plan, rerun == null ? List.of() : rerun);
                for (Table2Experiment.Run r : plan) {
                    spec.commandLine().getOut().println((again.contains(r) ? "rerun " : Files.exists(exp.runFile(r)) ? "done  "
                            : "to do ") + exp.id(r));
                }
                return 0;
            }
            int n = execute(exp, plan, maxRuns);
            spec.commandLine().getErr().printf("seat experiment table2: %d new runs; tables in %s%n", n, out);
            return reportFailures(exp, plan);
        }
    }
}
