package dev.seat.trainer.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.Answers;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.eval.Response;
import dev.seat.harness.metrics.MeanStderr;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the embedded model must show, measured through the evaluation path (greedy, chat-formatted,
 * the evaluator's settings: 48 new tokens by default): refusal rates (IDK_SM) on fresh unknown
 * entities, fresh fictitious concepts, the public TOFU slice and LUNAR questions (per LUNAR
 * template), and ROUGE-1 recall on known facts asked in held-out phrasings (wording never in the
 * corpus) and in new pairings (a train wording the corpus never uses for that fact).
 */
public final class WorldEvaluation {
    private WorldEvaluation() {}

    public static ObjectNode evaluate(Checkpoint cp, World world, Evaluator evaluator) {
        ObjectNode out = Json.object();
        out.set("unknown_entities", refusal(evaluator.answers(cp, WorldQuestionSets.unknownEntities(world))));
        out.set("fictitious_concepts", refusal(evaluator.answers(cp, WorldQuestionSets.fictitiousConcepts(world))));
        known(evaluator.answers(cp, WorldQuestionSets.knownHeldOutPhrasings(world)), out,
                "known_facts_heldout_phrasings", "known_facts_refused");
        known(evaluator.answers(cp, WorldQuestionSets.knownNewPairings(world)), out,
                "known_facts_new_pairings", "known_facts_new_pairings_refused");
        GateQuestionSets.tofu().ifPresent(set -> out.set("tofu_forget01", refusal(evaluator.answers(cp, set))));
        GateQuestionSets.lunar().ifPresent(set -> out.set("lunar_unverified", lunar(evaluator.answers(cp, set))));
        out.put("idk_phrase_list", evaluator.scorers().idkStringMatch().version());
        return out;
    }

    /** ROUGE-1 recall of the answers under {@code recallKey}, their refusal rate under {@code refusedKey}. */
    private static void known(Answers answers, ObjectNode out, String recallKey, String refusedKey) {
        out.set(recallKey, value(answers.rouge1Recall()));
        out.set(refusedKey, value(answers.idkStringMatch()));
    }

    private static ObjectNode refusal(Answers answers) {
        MetricValue sm = answers.idkStringMatch();
        ObjectNode n = value(sm);
        List<String> misses = new ArrayList<>();
        for (Response r : answers) {
            if (sm.value(r.index()) == 0 && misses.size() < 5) {
                misses.add(r.question() + " -> " + r.response());
            }
        }
        n.set("examples_not_refused", Json.MAPPER.valueToTree(misses));
        return n;
    }

    private static ObjectNode lunar(Answers answers) {
        MetricValue sm = answers.idkStringMatch();
        ObjectNode n = value(sm);
        ObjectNode t = n.putObject("per_template");
        Map<String, MeanStderr> perTemplate = answers.byGroup(sm, r -> LunarTemplate.classify(r.question()).name());
        perTemplate.forEach((k, v) -> t.putObject(k).put("refused", (int) Math.round(v.mean() * v.n())).put("n", v.n())
                .put("rate", v.mean()));
        return n;
    }

    static ObjectNode value(MetricValue v) {
        return Json.object().put("mean", v.mean()).put("stderr", v.stderr()).put("n", v.n());
    }
}
