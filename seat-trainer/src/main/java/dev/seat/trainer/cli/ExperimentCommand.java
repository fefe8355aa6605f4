package dev.seat.trainer.cli;

import dev.seat.harness.cli.CheckpointPath;
import dev.seat.harness.cli.DataPath;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.ScorerSettings;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.experiment.GateEvaluation;
import dev.seat.trainer.experiment.Table2Experiment;
import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat experiment}: the paper's experiments reproduced on the embedded model. */
@Command(name = "experiment", mixinStandardHelpOptions = true, subcommands = ExperimentCommand.Table2.class,
        description = "Reproduce the paper's experiments on the embedded world (subcommand: table2).")
public final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getErr().println("seat experiment: name an experiment, e.g. 'seat experiment table2 --base models/tiny-base'");
    }

    /** {@code seat experiment table2}. */
    @Command(name = "table2", mixinStandardHelpOptions = true,
            description = "Methods x seeds (mean ± std), ablations and a SEAT sparsity sweep; tables under --out. "
                    + "Finished runs are kept in --out/runs and skipped, so the command continues where it stopped.")
    public static final class Table2 implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DeviceOption device;

        @Option(names = "--base", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "A checkpoint pretrained on the world (records world_seed)")
        Path base;

        @Option(names = "--data", converter = DataPath.class, paramLabel = "FILE|hf://datasets/ORG/NAME/PATH",
            description = "Fine-tuning QA (default: ../shared PISTOL sample, else the world's contracts)")
        Path data;

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

        @Option(names = "--out", defaultValue = "results/experiments/table2", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
        Path out;

        /** The world the base was pretrained on. */
        private World world() {
            World world = FineTune.worldOf(base);
            if (world == null) {
                throw new IllegalArgumentException(base + " records no world_seed in training_config.json; table2 needs a base "
                        + "pretrained on the synthetic world (seat pretrain)");
            }
            return world;
        }

        /** The experiment these options describe (reads no model). */
        public Table2Experiment experiment() {
            List<QaItem> items = ExperimentData.trainingItems(data, world());
            if (!(lrScale > 0)) {
                throw new IllegalArgumentException("--lr-scale must be > 0, got " + lrScale);
            }
            return new Table2Experiment(new Table2Experiment.Settings(base, items, ExperimentData.describe(data),
                    epochs, batchSize, out, defaults(), lrScale, evalLimit, maxNewTokens, !noCosine, idkPhrases),
                    device.forTraining());
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
            EvalSettings eval = EvalSettings.defaults().withBatchSize(32).withMaxNewTokens(maxNewTokens)
                    .withScorers(ScorerSettings.DEFAULTS.withIdkPhrases(idkPhrases));
            try (Evaluator evaluator = new Evaluator(eval); Checkpoint baseModel = Checkpoint.load(base, device.options(true))) {
                List<QaItem> items = ExperimentData.trainingItems(data, world());
                GateEvaluation gate = new GateEvaluation(world(), items, evalLimit, evaluator, !noCosine, baseModel);
                return exp.execute(runs, maxRuns, gate);
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
                for (Table2Experiment.Run r : plan) {
                    spec.commandLine().getOut().println((Files.exists(exp.runFile(r)) ? "done  " : "to do ") + exp.id(r));
                }
                return 0;
            }
            int n = execute(exp, plan, maxRuns);
            spec.commandLine().getErr().printf("seat experiment table2: %d new runs; tables in %s%n", n, out);
            return reportFailures(exp, plan);
        }
    }
}
