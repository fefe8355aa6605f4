package dev.seat.trainer.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The synthetic world the embedded model learns from: a training corpus (known facts in train
 * phrasings, real facts, refusals about a pool of unknown entities and about fictitious concepts)
 * and held-out sets to evaluate it (fresh unknown entities, held-out phrasings of known facts,
 * known facts in train phrasings the corpus never pairs with them, fresh concepts), plus a small
 * contract set for fine-tuning experiments.
 *
 * <p>Everything is drawn from {@link WorldConfig#seed()}: the same config gives an identical world.
 * Names of held-out unknown entities, fresh concepts and contract companies never occur in the
 * training corpus; names of the training pool of unknown entities never occur in the known facts.
 */
public final class World {
    /** File names {@link #writeTo} uses. */
    public static final String TRAIN = "train.jsonl";
    public static final String HELD_OUT_UNKNOWN = "heldout_unknown.jsonl";
    public static final String HELD_OUT_KNOWN = "heldout_known.jsonl";
    public static final String HELD_OUT_KNOWN_PAIRS = "heldout_known_pairs.jsonl";
    public static final String HELD_OUT_CONCEPTS = "heldout_concepts.jsonl";
    public static final String CONTRACTS = "contracts.jsonl";
    public static final String SUMMARY = "world.json";

    private final WorldConfig config;
    private final KnownCast cast;
    private final List<QaExample> train;
    private final List<QaExample> heldOutUnknown;
    private final List<QaExample> heldOutKnown;
    private final List<QaExample> heldOutKnownPairs;
    private final List<QaExample> heldOutConcepts;
    private final List<Contract> contractList;
    private final List<QaExample> contracts;

    private World(WorldConfig config, KnownCast cast, List<QaExample> train, List<QaExample> heldOutUnknown,
                  List<QaExample> heldOutKnown, List<QaExample> heldOutKnownPairs, List<QaExample> heldOutConcepts,
                  List<Contract> contractList) {
        this.config = config;
        this.cast = cast;
        this.train = List.copyOf(train);
        this.heldOutUnknown = List.copyOf(heldOutUnknown);
        this.heldOutKnown = List.copyOf(heldOutKnown);
        this.heldOutKnownPairs = List.copyOf(heldOutKnownPairs);
        this.heldOutConcepts = List.copyOf(heldOutConcepts);
        this.contractList = List.copyOf(contractList);
        this.contracts = ContractGenerator.examples(contractList);
    }

    /** The default-size world of a seed. */
    public static World generate(long seed) {
        return generate(WorldConfig.defaults(seed));
    }

    public static World generate(WorldConfig c) {
        long seed = c.seed();
        NameRegistry names = new NameRegistry();
        KnownCast cast = KnownCast.generate(c.knownPeople(), c.knownCompanies(), c.knownTowns(), names,
                Draw.stream(seed, 1));

        Random phrasing = Draw.stream(seed, 2);
        List<QaExample> known = new ArrayList<>();
        List<QaExample> heldOutKnown = new ArrayList<>();
        List<QaExample> heldOutKnownPairs = new ArrayList<>();
        Random pairing = Draw.stream(seed, 9);
        for (Fact fact : cast.facts()) {
            List<String> used = Draw.distinct(fact.relation().trainPhrasings, c.trainPhrasingsPerFact(), phrasing);
            for (String p : used) {
                known.add(fact.asExample(p));
            }
            heldOutKnown.add(fact.asExample(Draw.one(fact.relation().heldOutPhrasings, phrasing)));
            List<String> unused = fact.relation().trainPhrasings.stream().filter(p -> !used.contains(p)).toList();
            if (!unused.isEmpty()) {
                heldOutKnownPairs.add(fact.asExample(Draw.one(unused, pairing)));
            }
        }
        List<QaExample> real = RealFacts.all();
        String knownText = text(known, heldOutKnown, real);

        List<QaExample> train = new ArrayList<>(known);
        train.addAll(real);
        UnknownQuestions pool = new UnknownQuestions(names, knownText, Draw.stream(seed, 3));
        int per = c.questionsPerUnknownEntity();
        train.addAll(pool.generate(UnknownKind.PERSON, c.unknownPeople(), per));
        train.addAll(pool.generate(UnknownKind.AUTHOR, c.unknownAuthors(), per));
        train.addAll(pool.generate(UnknownKind.COMPANY, c.unknownCompanies(), per));
        train.addAll(pool.generate(UnknownKind.CONTRACT, c.unknownContracts(), per));
        train.addAll(pool.generate(UnknownKind.TOWN, c.unknownTowns(), per));
        train.addAll(pool.generate(UnknownKind.WORK, c.unknownWorks(), per));
        Random conceptRng = Draw.stream(seed, 4);
        for (ConceptCategory category : ConceptCatalog.categories()) {
            int n = category.lunar() == LunarTemplate.OTHER ? c.conceptsPerOtherCategory() : c.conceptsPerLunarCategory();
            train.addAll(ConceptCatalog.refusals(category, n, names, knownText, conceptRng));
        }
        Collections.shuffle(train, Draw.stream(seed, 5));

        String corpusText = text(train, heldOutKnown);
        UnknownQuestions fresh = new UnknownQuestions(names, corpusText, Draw.stream(seed, 6));
        List<QaExample> heldOutUnknown = new ArrayList<>();
        UnknownKind[] kinds = UnknownKind.values();
        for (int k = 0; k < kinds.length; k++) {
            int share = c.heldOutUnknown() / kinds.length + (k < c.heldOutUnknown() % kinds.length ? 1 : 0);
            heldOutUnknown.addAll(fresh.generate(kinds[k], share, 1));
        }

        Random freshConcepts = Draw.stream(seed, 7);
        List<ConceptCategory> categories = ConceptCatalog.categories();
        List<QaExample> heldOutConcepts = new ArrayList<>();
        for (int i = 0; i < c.heldOutConcepts(); i++) {
            heldOutConcepts.addAll(ConceptCatalog.refusals(categories.get(i % categories.size()), 1, names,
                    corpusText, freshConcepts));
        }

        List<Contract> contracts = ContractGenerator.generate(c.contracts(), names, corpusText, Draw.stream(seed, 8));
        return new World(c, cast, train, heldOutUnknown, heldOutKnown, heldOutKnownPairs, heldOutConcepts, contracts);
    }

    public WorldConfig config() {
        return config;
    }

    /** The known entities and their attributes. */
    public KnownCast known() {
        return cast;
    }

    /** The pretraining corpus, shuffled: known facts (train phrasings), real facts, refusals. */
    public List<QaExample> train() {
        return train;
    }

    /** Questions about fresh unknown entities of every {@link UnknownKind}, with reference refusals. */
    public List<QaExample> heldOutUnknown() {
        return heldOutUnknown;
    }

    /** One held-out phrasing of every known fact, with its answer. */
    public List<QaExample> heldOutKnown() {
        return heldOutKnown;
    }

    /**
     * Known facts asked in a train phrasing of their relation that the corpus uses for other
     * entities but never for this fact (facts whose relation has no such phrasing are left out):
     * the wording is familiar, the pairing is new. Compare {@link #heldOutKnown()}, whose wording
     * the corpus never uses at all.
     */
    public List<QaExample> heldOutKnownPairs() {
        return heldOutKnownPairs;
    }

    /** Questions about fresh fictitious concepts, spread over all concept categories. */
    public List<QaExample> heldOutConcepts() {
        return heldOutConcepts;
    }

    /** The fine-tuning contracts. */
    public List<Contract> contractList() {
        return contractList;
    }

    /** Every question about the fine-tuning contracts, answered; entities are both companies. */
    public List<QaExample> contracts() {
        return contracts;
    }

    /** The training corpus as ChatML documents, for tokenizer training and pretraining. */
    public List<String> chatTexts() {
        return train.stream().map(ChatMl::format).toList();
    }

    /** Writes the training corpus, the held-out sets, the contracts and a summary into {@code dir}. */
    public void writeTo(Path dir) {
        QaJsonl.write(dir.resolve(TRAIN), train);
        QaJsonl.write(dir.resolve(HELD_OUT_UNKNOWN), heldOutUnknown);
        QaJsonl.write(dir.resolve(HELD_OUT_KNOWN), heldOutKnown);
        QaJsonl.write(dir.resolve(HELD_OUT_KNOWN_PAIRS), heldOutKnownPairs);
        QaJsonl.write(dir.resolve(HELD_OUT_CONCEPTS), heldOutConcepts);
        QaJsonl.write(dir.resolve(CONTRACTS), contracts);
        Json.write(dir.resolve(SUMMARY), summary());
    }

    /** The config and the number of examples per set, kind and topic. */
    public ObjectNode summary() {
        ObjectNode root = Json.object();
        root.set("config", Json.MAPPER.valueToTree(config));
        ObjectNode sets = root.putObject("sets");
        Map<String, List<QaExample>> all = Map.of(TRAIN, train, HELD_OUT_UNKNOWN, heldOutUnknown,
                HELD_OUT_KNOWN, heldOutKnown, HELD_OUT_KNOWN_PAIRS, heldOutKnownPairs, HELD_OUT_CONCEPTS, heldOutConcepts,
                CONTRACTS, contracts);
        for (String name : new TreeMap<>(all).keySet()) {
            List<QaExample> examples = all.get(name);
            ObjectNode set = sets.putObject(name);
            set.put("examples", examples.size());
            ObjectNode kinds = set.putObject("kinds");
            count(examples, e -> e.kind().name()).forEach(kinds::put);
            ObjectNode topics = set.putObject("topics");
            count(examples, QaExample::topic).forEach(topics::put);
        }
        return root;
    }

    private static Map<String, Integer> count(List<QaExample> examples,
                                              java.util.function.Function<QaExample, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        examples.forEach(e -> counts.merge(key.apply(e), 1, Integer::sum));
        return counts;
    }

    @SafeVarargs
    private static String text(List<QaExample>... sets) {
        StringBuilder sb = new StringBuilder();
        for (List<QaExample> set : sets) {
            for (QaExample e : set) {
                sb.append(e.question()).append('\n').append(e.answer()).append('\n');
            }
        }
        return sb.toString();
    }
}
