package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.Answers;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.eval.Response;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldQuestionSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gate's measurements of one (fine-tuned) model, through the evaluation path ({@link Evaluator}:
 * greedy, chat-formatted, the evaluator's phrase list and settings). Two kinds of base:
 *
 * <p><b>Any base</b> ({@link #gate}): the gate's own question sets ({@link GateQuestionSets}):
 * <ul>
 *   <li>{@code ft}: ROUGE-1 recall of answers to the fine-tuning questions (FT score);</li>
 *   <li>{@code idk_sm}, {@code idk_cs}: IDK string match and cosine on the built-in unverifiable
 *       questions (the gate's {@code unverifiable});</li>
 *   <li>{@code idk_sm_unseen}, {@code idk_cs_unseen}: the same on the built-in unseen entities
 *       (the gate's {@code unseen});</li>
 *   <li>{@code retained}, {@code known_refused}: ROUGE-1 recall on known facts (the gate's
 *       {@code factual}: the built-in set or the file given) and the share of them refused.</li>
 * </ul>
 *
 * <p><b>A base pretrained on the embedded world</b> ({@link #world}), the world's own sets instead:
 * <ul>
 *   <li>{@code idk_sm}, {@code idk_cs}: on fresh unknown entities of the base's world, and
 *       {@code refusal_<kind>} per entity kind;</li>
 *   <li>{@code retained}, {@code known_refused}: facts the base knew, each asked in a wording of the
 *       world's that the base saw for other facts but never for this one (the base scores ≈ 1.0);</li>
 *   <li>{@code retained_novel}, {@code known_refused_novel}: the same on wordings never in the
 *       corpus (the base itself generalises only partly to those).</li>
 * </ul>
 *
 * <p>Both, when {@code ../shared} holds the data: {@code idk_sm_lunar}, {@code idk_cs_lunar} on
 * LUNAR's unverifiable questions, and the cross-dataset set of Table 3(a) ({@link Cross}):
 * {@code idk_sm_tofu} (TOFU forget01, unseen authors, after training on PISTOL) or
 * {@code idk_sm_pistol} (PISTOL's contracts, after training on TOFU). {@code drift}: the largest
 * relative activation drift from the base over layers, at the last prompt token of the
 * unverifiable and known-fact questions (the gate's drift statistic), when given the base.
 *
 * <p>Each set is cut with {@link QuestionSet#limit} (the same seeded draw as the gate's {@code limit}).
 */
public final class GateEvaluation {
    /**
     * The cross-dataset set: fictitious entities of the other public dataset than the one trained on.
     *
     * @param key the metric's suffix and the set's short name ({@code tofu}, {@code pistol})
     */
    public record Cross(String key, QuestionSet set) {
        /** TOFU forget01, for a model tuned on PISTOL or other data (the default direction). */
        public static Optional<Cross> tofu() {
            return GateQuestionSets.tofu().map(s -> new Cross("tofu", s));
        }

        /** PISTOL's contracts, for a model tuned on TOFU (Table 3(a)'s other direction). */
        public static Optional<Cross> pistol() {
            return GateQuestionSets.pistol().map(s -> new Cross("pistol", s));
        }
    }

    /** A model's metrics and its answers to every set asked, in the order asked. */
    public record Measured(ObjectNode metrics, List<Answers> answers) {}

    private final Evaluator evaluator;
    private final boolean cosine;
    private final boolean world;
    private final QuestionSet ft;
    private final QuestionSet unknown;
    private final Optional<QuestionSet> unseen;
    private final QuestionSet known;
    private final Optional<QuestionSet> knownNovel;
    private final Optional<QuestionSet> lunar;
    private final Optional<Cross> cross;
    private final float[][][] baseActivations;

    private GateEvaluation(Evaluator evaluator, boolean cosine, boolean world, QuestionSet ft, QuestionSet unknown,
            Optional<QuestionSet> unseen, QuestionSet known, Optional<QuestionSet> knownNovel, Optional<Cross> cross,
            int limit, Checkpoint base) {
        this.evaluator = evaluator;
        this.cosine = cosine;
        this.world = world;
        this.ft = ft.limit(limit);
        this.unknown = unknown.limit(limit);
        this.unseen = unseen.map(s -> s.limit(limit));
        this.known = known.limit(limit);
        this.knownNovel = knownNovel.map(s -> s.limit(limit));
        this.lunar = GateQuestionSets.lunar().map(s -> s.limit(limit));
        this.cross = cross.map(c -> new Cross(c.key(), c.set().limit(limit)));
        this.baseActivations = base == null ? null : activations(base);
    }

    /**
     * For a base pretrained on the embedded world: the world's unknown entities and known facts.
     *
     * @param limit cap on each evaluation set (0 = all)
     * @param cosine whether to compute IDK_CS (loads the sentence embedder once)
     * @param base the model the evaluated ones were tuned from, for {@code drift} (null: no drift)
     */
    public static GateEvaluation world(World world, List<QaItem> ftItems, Optional<Cross> cross, int limit,
            Evaluator evaluator, boolean cosine, Checkpoint base) {
        return new GateEvaluation(evaluator, cosine, true, ftSet(ftItems), WorldQuestionSets.unknownEntities(world),
                Optional.empty(), WorldQuestionSets.knownNewPairings(world),
                Optional.of(WorldQuestionSets.knownHeldOutPhrasings(world)), cross, limit, base);
    }

    /**
     * For any base: the gate's built-in unverifiable and unseen-entity sets and its known facts.
     *
     * @param factual the known facts to ask (the gate's {@code dataset.factual}), null for the built-in set
     */
    public static GateEvaluation gate(List<QaItem> ftItems, Path factual, Optional<Cross> cross, int limit,
            Evaluator evaluator, boolean cosine, Checkpoint base) {
        return new GateEvaluation(evaluator, cosine, false, ftSet(ftItems), GateQuestionSets.unverifiable(),
                Optional.of(GateQuestionSets.unseen()), GateQuestionSets.factual(factual), Optional.empty(), cross, limit,
                base);
    }

    private static QuestionSet ftSet(List<QaItem> items) {
        return QuestionSet.of("ft", "fine-tuning set", items);
    }

    /** Whether the sets are the embedded world's. */
    public boolean onWorld() {
        return world;
    }

    /** The set behind {@code idk_sm}: its human labels give the IDK_HA column. */
    public String idkSet() {
        return unknown.name();
    }

    /** The unknown-entity set whose first questions the case study shows. */
    public QuestionSet caseStudySet() {
        return unseen.orElse(unknown);
    }

    /** The cross-dataset set's key ({@code tofu}, {@code pistol}), if one is asked. */
    public Optional<String> crossKey() {
        return cross.map(Cross::key);
    }

    /** The root of the evaluator's answer and benchmark caches; empty when it caches nothing. */
    public Optional<Path> cacheRoot() {
        return evaluator.settings().cache() ? Optional.of(evaluator.settings().results()) : Optional.empty();
    }

    /** Sizes of the evaluation sets. */
    public ObjectNode sizes() {
        ObjectNode n = Json.object().put("ft", ft.size());
        if (world) {
            n.put("unknown", unknown.size()).put("known", known.size()).put("known_novel", knownNovel.orElseThrow().size());
        } else {
            n.put("unverifiable", unknown.size()).put("unseen", unseen.orElseThrow().size()).put("factual", known.size());
        }
        n.put("lunar", lunar.map(QuestionSet::size).orElse(0));
        n.put(cross.map(Cross::key).orElse("tofu"), cross.map(c -> c.set().size()).orElse(0));
        return n;
    }

    /** The metric implementations' versions (IDK_SM phrase list, IDK_CS embedder and references), for run records. */
    public ObjectNode metricVersions() {
        ObjectNode out = Json.object();
        evaluator.scorers().idkStringMatch();
        evaluator.scorers().versions().forEach(out::put);
        return out;
    }

    /** The metrics of {@code cp} (see the class comment). */
    public ObjectNode evaluate(Checkpoint cp) {
        return measure(cp).metrics();
    }

    /** The metrics of {@code cp} and its answers to every set. */
    public Measured measure(Checkpoint cp) {
        ObjectNode out = Json.object();
        List<Answers> asked = new ArrayList<>();
        Answers ftAnswers = ask(cp, ft, asked);
        out.put("ft", ftAnswers.ftScore().mean());

        Answers unk = ask(cp, unknown, asked);
        MetricValue sm = idk(unk, out, "");
        if (world) {
            unk.byGroup(sm, WorldQuestionSets::topic)
                    .forEach((topic, v) -> out.put("refusal_" + topic.replace("unknown.", ""), v.mean()));
        }
        unseen.ifPresent(set -> idk(ask(cp, set, asked), out, "_unseen"));
        lunar.ifPresent(set -> idk(ask(cp, set, asked), out, "_lunar"));
        cross.ifPresent(c -> out.put("idk_sm_" + c.key(), ask(cp, c.set(), asked).idkStringMatch().mean()));
        retention(ask(cp, known, asked), out, "");
        knownNovel.ifPresent(set -> retention(ask(cp, set, asked), out, "_novel"));

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
        return new Measured(out, List.copyOf(asked));
    }

    private Answers ask(Checkpoint cp, QuestionSet set, List<Answers> asked) {
        Answers a = evaluator.answers(cp, set);
        asked.add(a);
        return a;
    }

    /** IDK_SM (and IDK_CS when measured) of the answers under {@code idk_sm<suffix>}, {@code idk_cs<suffix>}. */
    private MetricValue idk(Answers answers, ObjectNode out, String suffix) {
        MetricValue sm = answers.idkStringMatch();
        out.put("idk_sm" + suffix, sm.mean());
        if (cosine) {
            out.put("idk_cs" + suffix, answers.idkCosine().mean());
        }
        return sm;
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
