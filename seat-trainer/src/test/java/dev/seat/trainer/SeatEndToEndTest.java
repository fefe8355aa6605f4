package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI-sized SEAT vs full fine-tuning on the embedded model: a few of its world's contracts, one
 * seed; SEAT must keep refusing questions about unknown companies and contracts clearly more
 * often than full fine-tuning does. Skipped (with a message) until {@code models/tiny-base} exists;
 * {@code -Dseat.e2e.base=DIR} points it at another world-pretrained checkpoint.
 */
class SeatEndToEndTest {
    static final int CONTRACTS = 3;
    static final int EPOCHS = 8;
    static final int EVAL_QUESTIONS = 32;
    static final int MAX_NEW_TOKENS = 24;
    /** SEAT's IDK_SM must exceed full FT's by at least this much. */
    static final double MARGIN = 0.25;

    @Test
    void seatKeepsRefusingWhereFullFineTuningStops() {
        Path base = Path.of(System.getProperty("seat.e2e.base", RepoPaths.defaultCheckpoint().toString()));
        assumeTrue(Files.isRegularFile(base.resolve("config.json")),
                base + " is absent: the SEAT end-to-end test needs the embedded models/tiny-base (merge main once it has it)");
        World world = FineTune.worldOf(base);
        assumeTrue(world != null, base + " records no world_seed: end-to-end test skipped");
        int perContract = world.contracts().size() / world.contractList().size();
        List<QaItem> items = ExperimentData.contracts(world.contracts().subList(0, CONTRACTS * perContract));
        List<String> unknown = world.heldOutUnknown().stream()
                .filter(e -> e.topic().equals("unknown.contract") || e.topic().equals("unknown.company"))
                .map(QaExample::question).limit(EVAL_QUESTIONS).toList();

        double full = refusalAfter(base, Method.FULL, items, world, unknown);
        double seat = refusalAfter(base, Method.SEAT, items, world, unknown);
        System.err.printf("SeatEndToEndTest: IDK_SM on %d unknown company/contract questions: full %.3f, seat %.3f%n",
                unknown.size(), full, seat);
        assertThat(seat).as("SEAT IDK_SM (full FT: %.3f)", full).isGreaterThanOrEqualTo(full + MARGIN);
    }

    private static double refusalAfter(Path base, Method method, List<QaItem> items, World world, List<String> questions) {
        try (Checkpoint cp = Checkpoint.load(base)) {
            TrainConfig tc = TrainConfig.builder(method.defaultLearningRate(cp.config()), EPOCHS).build();
            FineTune.Outcome o = FineTune.run(cp, items, MethodConfig.defaults(method), tc,
                    FineTune.Options.defaults().world(world));
            assertThat(o.result().lastLoss()).as("%s learns the contracts", method.id).isLessThan(o.result().firstLoss());
            QuestionSet unknown = QuestionSet.of("unknown", "embedded world", questions.stream()
                    .map(q -> new QaItem(q, q, null, List.of())).toList());
            try (Evaluator evaluator = new Evaluator(EvalSettings.defaults().withMaxNewTokens(MAX_NEW_TOKENS)
                    .withBatchSize(32).withCache(false))) {
                return evaluator.answers(cp, unknown).idkStringMatch().mean();
            }
        }
    }
}
