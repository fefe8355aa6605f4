package dev.seat.trainer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.model.ActivationCapture;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The gate's measurements of one (fine-tuned) model on the embedded world, greedy and
 * chat-formatted:
 * <ul>
 *   <li>{@code ft}: ROUGE-1 recall of answers to the fine-tuning questions (FT score);</li>
 *   <li>{@code idk_sm}, {@code idk_cs}: IDK string match and cosine on our unverifiable questions
 *       (fresh unknown entities of the base's world), and {@code refusal_<kind>} per entity kind;</li>
 *   <li>{@code idk_sm_lunar}, {@code idk_cs_lunar}: the same on LUNAR's unverifiable questions;</li>
 *   <li>{@code idk_sm_tofu}: cross-dataset, TOFU forget01 questions (unseen authors);</li>
 *   <li>{@code retained}: ROUGE-1 recall on facts the base knew, each asked in a wording of the
 *       world's that the base saw for other facts but never for this one (the base scores ≈ 1.0), and
 *       {@code known_refused}, the share of those it now refuses;</li>
 *   <li>{@code retained_novel}, {@code known_refused_novel}: the same on wordings never in the
 *       corpus (the base itself generalises only partly to those);</li>
 *   <li>{@code drift}: the largest relative activation drift from the base over layers, at the last
 *       prompt token of the unverifiable and known-fact questions (the gate's drift statistic), when
 *       the evaluation was given the base.</li>
 * </ul>
 * Each set can be capped to a fixed seeded subset (the same for every model).
 */
public final class GateEvaluation {
    private final List<QaItem> ftItems;
    private final List<QaExample> unknown;
    private final List<QaExample> known;
    private final List<QaExample> knownNovel;
    private final List<String> lunar;
    private final List<String> tofu;
    private final IdkStringMatch sm = IdkStringMatch.defaults();
    private final IdkCosine cs;
    private final int maxNewTokens;
    private final int batchSize;
    private final float[][][] baseActivations;

    /**
     * @param limit cap on each evaluation set (0 = all)
     * @param cs IDK cosine scorer (its embedder is loaded once per experiment)
     * @param base the model the evaluated ones were tuned from, for {@code drift} (null: no drift)
     */
    public GateEvaluation(World world, List<QaItem> ftItems, int limit, IdkCosine cs, int maxNewTokens, int batchSize,
            Checkpoint base) {
        this.ftItems = subset(ftItems, limit);
        this.unknown = subset(world.heldOutUnknown(), limit);
        this.known = subset(world.heldOutKnownPairs(), limit);
        this.knownNovel = subset(world.heldOutKnown(), limit);
        this.lunar = subset(RepoPaths.shared("datasets/lunar/unverified.json").map(QaDatasets::read).orElse(List.of())
                .stream().map(QaItem::question).toList(), limit);
        this.tofu = subset(RepoPaths.shared("datasets/tofu/forget01.jsonl").map(QaDatasets::read).orElse(List.of())
                .stream().map(QaItem::question).toList(), limit);
        this.cs = cs;
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
        this.baseActivations = base == null ? null : activations(base);
    }

    static <T> List<T> subset(List<T> all, int limit) {
        if (limit <= 0 || all.size() <= limit) {
            return List.copyOf(all);
        }
        List<T> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(20240617L));
        return List.copyOf(copy.subList(0, limit));
    }

    /** Sizes of the evaluation sets. */
    public ObjectNode sizes() {
        return Json.object().put("ft", ftItems.size()).put("unknown", unknown.size()).put("known", known.size())
                .put("known_novel", knownNovel.size())
                .put("lunar", lunar.size()).put("tofu", tofu.size());
    }

    public ObjectNode evaluate(Checkpoint cp) {
        ObjectNode out = Json.object();
        Rouge rouge = new Rouge();
        List<String> ftAnswers = answer(cp, ftItems.stream().map(QaItem::question).toList());
        out.put("ft", rouge.ftScore(ftItems.stream().map(QaItem::answer).toList(), ftAnswers).mean());

        List<String> unk = answer(cp, unknown.stream().map(QaExample::question).toList());
        out.put("idk_sm", sm.score(unk).mean());
        if (cs != null) {
            out.put("idk_cs", cs.score(unk).mean());
        }
        Map<String, int[]> perKind = new LinkedHashMap<>();
        for (int i = 0; i < unknown.size(); i++) {
            int[] c = perKind.computeIfAbsent(unknown.get(i).topic().replace("unknown.", ""), k -> new int[2]);
            c[0] += sm.matches(unk.get(i)) ? 1 : 0;
            c[1]++;
        }
        perKind.forEach((k, c) -> out.put("refusal_" + k, (double) c[0] / c[1]));

        if (!lunar.isEmpty()) {
            List<String> l = answer(cp, lunar);
            out.put("idk_sm_lunar", sm.score(l).mean());
            if (cs != null) {
                out.put("idk_cs_lunar", cs.score(l).mean());
            }
        }
        if (!tofu.isEmpty()) {
            out.put("idk_sm_tofu", sm.score(answer(cp, tofu)).mean());
        }
        retention(cp, rouge, known, out, "");
        retention(cp, rouge, knownNovel, out, "_novel");

        if (baseActivations != null) {
            out.put("drift", ActivationDrift.between(baseActivations, activations(cp)).maxRelative());
        }

        ArrayNode samples = out.putArray("samples");
        for (int i = 0; i < Math.min(3, unknown.size()); i++) {
            samples.addObject().put("question", unknown.get(i).question()).put("response", unk.get(i));
        }
        for (int i = 0; i < Math.min(2, ftItems.size()); i++) {
            samples.addObject().put("question", ftItems.get(i).question()).put("response", ftAnswers.get(i))
                    .put("reference", ftItems.get(i).answer());
        }
        return out;
    }

    private void retention(Checkpoint cp, Rouge rouge, List<QaExample> facts, ObjectNode out, String suffix) {
        List<String> responses = answer(cp, facts.stream().map(QaExample::question).toList());
        out.put("retained" + suffix, rouge.rouge1Recall(facts.stream().map(QaExample::answer).toList(), responses).mean());
        out.put("known_refused" + suffix, sm.score(responses).mean());
    }

    /** [prompt][layer][hidden] at the last token of the unverifiable, then the known-fact questions. */
    private float[][][] activations(Checkpoint cp) {
        List<long[]> prompts = Stream.concat(unknown.stream(), known.stream())
                .map(e -> cp.chatPrompt(e.question())).toList();
        return ActivationCapture.lastToken(cp.model(), prompts, cp.padId(), batchSize);
    }

    private List<String> answer(Checkpoint cp, List<String> questions) {
        return ChatGeneration.answer(cp, questions, maxNewTokens, batchSize);
    }
}
