package dev.seat.trainer.cli;

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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seat experiment}: the paper's experiments reproduced on the embedded model. */
@Command(name = "experiment", mixinStandardHelpOptions = true, subcommands = ExperimentCommand.Table2.class,
        description = "Reproduce the paper's experiments on the embedded world (subcommand: table2).")
public final class ExperimentCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("seat experiment: name an experiment, e.g. 'seat experiment table2 --base models/tiny-base'");
    }

    /** {@code seat experiment table2}. */
    @Command(name = "table2", mixinStandardHelpOptions = true,
            description = "Methods x seeds (mean ± std), ablations and a SEAT sparsity sweep; tables under --out. "
                    + "Finished runs are kept in --out/runs and skipped, so the command continues where it stopped.")
    public static final class Table2 implements Callable<Integer> {
        @Mixin
        DeviceOption device;

        @Option(names = "--base", required = true, paramLabel = "DIR", description = "A checkpoint pretrained on the world (records world_seed)")
        Path base;

        @Option(names = "--data", paramLabel = "FILE", description = "Fine-tuning QA (default: ../shared PISTOL sample, else the world's contracts)")
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

        @Override
        public Integer call() throws Exception {
            World world = FineTune.worldOf(base);
            if (world == null) {
                throw new IllegalArgumentException(base + " records no world_seed in training_config.json; table2 needs a base "
                        + "pretrained on the synthetic world (seat pretrain)");
            }
            List<QaItem> items = ExperimentData.trainingItems(data, world);
            List<Method> ms = methods.stream().map(Method::parse).toList();
            MethodConfig defaults = MethodConfig.defaults(Method.SEAT).withKlPositions(KlPositions.parse(klPositions));
            if (!(lrScale > 0)) {
                throw new IllegalArgumentException("--lr-scale must be > 0, got " + lrScale);
            }
            List<Double> sweep = sweepList.isBlank() || sweepList.equals("none") ? List.of()
                    : Arrays.stream(sweepList.split(",")).map(String::strip).map(Double::valueOf).toList();
            List<Table2Experiment.Run> plan = Table2Experiment.plan(ms, sweep, seeds, defaults.alpha());
            Table2Experiment.Settings settings = new Table2Experiment.Settings(base, items, ExperimentData.describe(data),
                    epochs, batchSize, out, defaults, lrScale, evalLimit, maxNewTokens, !noCosine, idkPhrases);
            Table2Experiment exp = new Table2Experiment(settings, device.forTraining());
            if (dryRun) { // loads no model: the plan and the run files are all it reads
                for (Table2Experiment.Run r : plan) {
                    System.out.println((Files.exists(exp.runFile(r)) ? "done  " : "to do ") + exp.id(r));
                }
                return 0;
            }
            EvalSettings eval = EvalSettings.defaults().withBatchSize(32).withMaxNewTokens(maxNewTokens)
                    .withScorers(ScorerSettings.DEFAULTS.withIdkPhrases(idkPhrases));
            try (Evaluator evaluator = new Evaluator(eval); Checkpoint baseModel = Checkpoint.load(base, device.options(true))) {
                GateEvaluation gate = new GateEvaluation(world, items, evalLimit, evaluator, !noCosine, baseModel);
                int n = exp.execute(plan, maxRuns, gate);
                System.err.printf("seat experiment table2: %d new runs; tables in %s%n", n, out);
                List<Table2Experiment.Run> failed = exp.failed(plan);
                if (!failed.isEmpty()) {
                    System.err.printf("seat experiment table2: %d runs failed (%s; errors in %s); run the command again "
                            + "to retry them%n", failed.size(), failed.stream().map(exp::id).toList(),
                            out.resolve("failed"));
                    return 1;
                }
            }
            return 0;
        }
    }
}
