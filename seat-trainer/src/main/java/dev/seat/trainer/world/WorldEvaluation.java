package dev.seat.trainer.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.ChatGeneration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded model must show, measured with seat's own runtime (greedy, chat-formatted,
 * 48 new tokens): refusal rates (IDK_SM) on fresh unknown entities, fresh fictitious concepts,
 * the public TOFU slice and LUNAR questions (per LUNAR template), and ROUGE-1 recall on known
 * facts asked in held-out phrasings (wording never in the corpus) and in new pairings (a train
 * wording the corpus never uses for that fact).
 */
public final class WorldEvaluation {
    public static final int MAX_NEW_TOKENS = 48;

    private WorldEvaluation() {}

    public static ObjectNode evaluate(Checkpoint cp, World world, int batchSize) {
        IdkStringMatch idk = IdkStringMatch.defaults();
        ObjectNode out = Json.object();
        out.put("idk_phrase_list", idk.version());
        out.set("unknown_entities", refusal(cp, idk, questions(world.heldOutUnknown()), batchSize));
        out.set("fictitious_concepts", refusal(cp, idk, questions(world.heldOutConcepts()), batchSize));
        known(cp, idk, world.heldOutKnown(), batchSize, out, "known_facts_heldout_phrasings", "known_facts_refused");
        known(cp, idk, world.heldOutKnownPairs(), batchSize, out, "known_facts_new_pairings",
                "known_facts_new_pairings_refused");
        Optional<java.nio.file.Path> tofu = RepoPaths.shared("datasets/tofu/forget01.jsonl");
        tofu.ifPresent(p -> out.set("tofu_forget01", refusal(cp, idk, texts(QaDatasets.read(p)), batchSize)));
        Optional<java.nio.file.Path> lunar = RepoPaths.shared("datasets/lunar/unverified.json");
        lunar.ifPresent(p -> out.set("lunar_unverified", lunar(cp, idk, texts(QaDatasets.read(p)), batchSize)));
        return out;
    }

    /** ROUGE-1 recall of the answers to {@code known} under {@code recallKey}, their refusal rate under {@code refusedKey}. */
    private static void known(Checkpoint cp, IdkStringMatch idk, List<QaExample> known, int batchSize, ObjectNode out,
            String recallKey, String refusedKey) {
        List<String> answers = ChatGeneration.answer(cp, questions(known), MAX_NEW_TOKENS, batchSize);
        MetricValue r1 = new Rouge().rouge1Recall(known.stream().map(QaExample::answer).toList(), answers);
        out.set(recallKey, value(r1));
        out.set(refusedKey, value(idk.score(answers)));
    }

    private static ObjectNode refusal(Checkpoint cp, IdkStringMatch idk, List<String> questions, int batchSize) {
        List<String> answers = ChatGeneration.answer(cp, questions, MAX_NEW_TOKENS, batchSize);
        ObjectNode n = value(idk.score(answers));
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < answers.size() && misses.size() < 5; i++) {
            if (!idk.matches(answers.get(i))) {
                misses.add(questions.get(i) + " -> " + answers.get(i));
            }
        }
        n.set("examples_not_refused", Json.MAPPER.valueToTree(misses));
        return n;
    }

    private static ObjectNode lunar(Checkpoint cp, IdkStringMatch idk, List<String> questions, int batchSize) {
        List<String> answers = ChatGeneration.answer(cp, questions, MAX_NEW_TOKENS, batchSize);
        ObjectNode n = value(idk.score(answers));
        Map<String, int[]> perTemplate = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            int[] c = perTemplate.computeIfAbsent(LunarTemplate.classify(questions.get(i)).name(), k -> new int[2]);
            c[0] += idk.matches(answers.get(i)) ? 1 : 0;
            c[1]++;
        }
        ObjectNode t = n.putObject("per_template");
        perTemplate.forEach((k, c) -> t.putObject(k).put("refused", c[0]).put("n", c[1]).put("rate", (double) c[0] / c[1]));
        return n;
    }

    static ObjectNode value(MetricValue v) {
        return Json.object().put("mean", v.mean()).put("stderr", v.stderr()).put("n", v.n());
    }

    private static List<String> questions(List<QaExample> examples) {
        return examples.stream().map(QaExample::question).toList();
    }

    private static List<String> texts(List<QaItem> items) {
        return items.stream().map(QaItem::question).toList();
    }
}
