package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.Answers;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.eval.Response;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldQuestionSets;
import java.util.List;
import java.util.Optional;

/**
 * The gate's measurements of one (fine-tuned) model on the embedded world, through the evaluation
 * path ({@link Evaluator}: greedy, chat-formatted, the evaluator's phrase list and settings):
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
 * Each set is cut with {@link QuestionSet#limit} (the same seeded draw as the gate's {@code limit}).
 */
public final class GateEvaluation {
    private final Evaluator evaluator;
    private final boolean cosine;
    private final QuestionSet ft;
    private final QuestionSet unknown;
    private final QuestionSet known;
    private final QuestionSet knownNovel;
    private final Optional<QuestionSet> lunar;
    private final Optional<QuestionSet> tofu;
    private final float[][][] baseActivations;

    /**
     * @param limit cap on each evaluation set (0 = all)
     * @param cosine whether to compute IDK_CS (loads the sentence embedder once)
     * @param base the model the evaluated ones were tuned from, for {@code drift} (null: no drift)
     */
    public GateEvaluation(World world, List<QaItem> ftItems, int limit, Evaluator evaluator, boolean cosine,
            Checkpoint base) {
        this.evaluator = evaluator;
        this.cosine = cosine;
        this.ft = QuestionSet.of("ft", "fine-tuning set", ftItems).limit(limit);
        this.unknown = WorldQuestionSets.unknownEntities(world).limit(limit);
        this.known = WorldQuestionSets.knownNewPairings(world).limit(limit);
        this.knownNovel = WorldQuestionSets.knownHeldOutPhrasings(world).limit(limit);
        this.lunar = WorldQuestionSets.lunar().map(s -> s.limit(limit));
        this.tofu = WorldQuestionSets.tofu().map(s -> s.limit(limit));
        this.baseActivations = base == null ? null : activations(base);
    }

    /** Sizes of the evaluation sets. */
    public ObjectNode sizes() {
        return Json.object().put("ft", ft.size()).put("unknown", unknown.size()).put("known", known.size())
                .put("known_novel", knownNovel.size())
                .put("lunar", lunar.map(QuestionSet::size).orElse(0)).put("tofu", tofu.map(QuestionSet::size).orElse(0));
    }

    /** The metric implementations' versions (IDK_SM phrase list, IDK_CS embedder and references), for run records. */
    public ObjectNode metricVersions() {
        ObjectNode out = Json.object();
        evaluator.scorers().idkStringMatch();
        evaluator.scorers().versions().forEach(out::put);
        return out;
    }

    public ObjectNode evaluate(Checkpoint cp) {
        ObjectNode out = Json.object();
        Answers ftAnswers = evaluator.answers(cp, ft);
        out.put("ft", ftAnswers.ftScore().mean());

        Answers unk = evaluator.answers(cp, unknown);
        MetricValue sm = unk.idkStringMatch();
        out.put("idk_sm", sm.mean());
        if (cosine) {
            out.put("idk_cs", unk.idkCosine().mean());
        }
        unk.byGroup(sm, WorldQuestionSets::topic)
                .forEach((topic, v) -> out.put("refusal_" + topic.replace("unknown.", ""), v.mean()));

        lunar.ifPresent(set -> {
            Answers l = evaluator.answers(cp, set);
            out.put("idk_sm_lunar", l.idkStringMatch().mean());
            if (cosine) {
                out.put("idk_cs_lunar", l.idkCosine().mean());
            }
        });
        tofu.ifPresent(set -> out.put("idk_sm_tofu", evaluator.answers(cp, set).idkStringMatch().mean()));
        retention(evaluator.answers(cp, known), out, "");
        retention(evaluator.answers(cp, knownNovel), out, "_novel");

        if (baseActivations != null) {
            out.put("drift", ActivationDrift.between(baseActivations, activations(cp)).maxRelative());
        }

        ArrayNode samples = out.putArray("samples");
        for (Response r : unk.list().subList(0, Math.min(3, unk.size()))) {
            samples.addObject().put("question", r.question()).put("response", r.response());
        }
        for (Response r : ftAnswers.list().subList(0, Math.min(2, ftAnswers.size()))) {
            samples.addObject().put("question", r.question()).put("response", r.response()).put("reference", r.reference());
        }
        return out;
    }

    private static void retention(Answers answers, ObjectNode out, String suffix) {
        out.put("retained" + suffix, answers.rouge1Recall().mean());
        out.put("known_refused" + suffix, answers.idkStringMatch().mean());
    }

    /** [prompt][layer][hidden] at the last token of the unverifiable, then the known-fact questions. */
    private float[][][] activations(Checkpoint cp) {
        return evaluator.lastTokenActivations(cp, List.of(unknown, known), cp.chatFormat());
    }
}
