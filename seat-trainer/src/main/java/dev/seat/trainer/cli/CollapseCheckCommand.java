package dev.seat.trainer.cli;

import dev.seat.harness.cli.CheckpointPath;
import dev.seat.harness.cli.DataPath;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.ModelCard;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.TrainingData;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldQuestionSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat collapse-check}: the paper's phenomenon on a world-pretrained checkpoint — full
 * fine-tuning on a QA set learns it and destroys refusals and retained facts. Fine-tunes in
 * memory (nothing is saved), measures before/after, and records the numbers in the checkpoint's
 * {@code scores.json} and model card.
 */
@Command(name = "collapse-check", mixinStandardHelpOptions = true,
        description = "Full fine-tuning on --data, then FT score, unknown-entity refusals and known-fact recall; "
                + "recorded in the checkpoint's scores.json and README.md.")
public final class CollapseCheckCommand implements Callable<Integer> {
    @Mixin
    DeviceOption device;

    @Option(names = "--base", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "A checkpoint built by seat pretrain")
    Path base;

    @Option(names = "--data", converter = DataPath.class, required = true, paramLabel = "FILE|hf://datasets/ORG/NAME/PATH",
            description = "e.g. ../shared/datasets/pistol/sample_data_1.json")
    Path data;

    @Option(names = "--epochs", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "default: ${DEFAULT-VALUE}")
    double lr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        World world = FineTune.worldOf(base);
        if (world == null) {
            spec.commandLine().getErr().println("seat collapse-check: " + base
                    + "/training_config.json records no world_seed (not built by seat pretrain)");
            return 2;
        }
        List<QaItem> items = TrainingData.read(data);
        QuestionSet ft = QuestionSet.of("ft", data.toString(), items);
        ObjectNode out = Json.object();
        out.put("idk_phrase_list", IdkStringMatch.defaults().version());
        out.put("command", "./seat collapse-check --base " + base + " --data " + data + " --epochs " + epochs + " --lr " + lr);
        try (Checkpoint cp = Checkpoint.load(base, device.forTraining()); Evaluator evaluator = new Evaluator(EvalSettings.defaults().withBatchSize(32))) {
            out.put("ft_score_before", evaluator.answers(cp, ft).ftScore().mean());
            TrainConfig tc = TrainConfig.builder(lr, epochs).build();
            FineTune.Outcome o = FineTune.run(cp, items, MethodConfig.defaults(Method.FULL), tc,
                    FineTune.Options.defaults().world(world).progress(ProgressReporter.console()));
            out.put("seconds", o.result().seconds());
            out.put("steps", o.result().steps());
            out.put("ft_score_after", evaluator.answers(cp, ft).ftScore().mean());
            out.put("unknown_refusal_after",
                    evaluator.answers(cp, WorldQuestionSets.unknownEntities(world)).idkStringMatch().mean());
            out.put("known_rouge1_after",
                    evaluator.answers(cp, WorldQuestionSets.knownHeldOutPhrasings(world)).rouge1Recall().mean());
        }
        Path scoresFile = base.resolve("scores.json");
        ObjectNode scores = Files.isRegularFile(scoresFile) ? (ObjectNode) Json.read(scoresFile) : Json.object();
        scores.set("full_ft_pistol", out);
        Json.write(scoresFile, scores);
        Path card = base.resolve("README.md");
        if (Files.isRegularFile(card)) {
            String text = Files.readString(card);
            int cut = text.indexOf(ModelCard.COLLAPSE_HEADING);
            Files.writeString(card, (cut >= 0 ? text.substring(0, cut) : text) + ModelCard.collapse(scores));
        }
        spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(out));
        return 0;
    }
}
