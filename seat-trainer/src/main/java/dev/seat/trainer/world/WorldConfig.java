package dev.seat.trainer.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a world. The defaults make about 2.5 k training examples: ~900 known-fact
 * questions, 235 real facts and ~1.4 k refusals over many question shapes.
 *
 * @param seed                      everything is drawn from this seed
 * @param knownPeople               known people (each with one notable work)
 * @param knownCompanies            known companies
 * @param knownTowns                known fictional towns
 * @param trainPhrasingsPerFact     distinct train phrasings asked per known fact
 * @param unknownPeople             training refusals about unknown people
 * @param unknownAuthors            training refusals about unknown authors (TOFU-like biography questions)
 * @param unknownCompanies          training refusals about unknown companies
 * @param unknownContracts          training refusals about contracts between unknown companies
 * @param unknownTowns              training refusals about unknown towns
 * @param unknownWorks              training refusals about unknown books, films and other works
 * @param questionsPerUnknownEntity questions asked about each unknown entity of the training pool
 * @param conceptsPerLunarCategory  training refusals per concept category that covers a LUNAR kind
 * @param conceptsPerOtherCategory  training refusals per other concept category
 * @param heldOutUnknown            held-out questions about fresh unknown entities of every kind
 * @param heldOutConcepts           held-out questions about fresh fictitious concepts
 * @param contracts                 contracts of the fine-tuning set (20 questions each)
 */
public record WorldConfig(
        long seed, int knownPeople, int knownCompanies, int knownTowns, int trainPhrasingsPerFact,
        int unknownPeople, int unknownAuthors, int unknownCompanies, int unknownContracts, int unknownTowns,
        int unknownWorks, int questionsPerUnknownEntity, int conceptsPerLunarCategory,
        int conceptsPerOtherCategory, int heldOutUnknown, int heldOutConcepts, int contracts) {

    public WorldConfig {
        if (trainPhrasingsPerFact < 1 || questionsPerUnknownEntity < 1) {
            throw new IllegalArgumentException("trainPhrasingsPerFact and questionsPerUnknownEntity must be >= 1");
        }
        for (int n : new int[] {knownPeople, knownCompanies, knownTowns, unknownPeople, unknownAuthors,
                unknownCompanies, unknownContracts, unknownTowns, unknownWorks, conceptsPerLunarCategory,
                conceptsPerOtherCategory, heldOutUnknown, heldOutConcepts, contracts}) {
            if (n < 0) {
                throw new IllegalArgumentException("World sizes must not be negative: " + n);
            }
        }
    }

    /** The default sizes with the given seed. */
    public static WorldConfig defaults(long seed) {
        return new WorldConfig(seed, 36, 25, 20, 2, 160, 240, 130, 100, 150, 240, 2, 30, 14, 200, 200, 8);
    }

    public WorldConfig withSeed(long newSeed) {
        return new WorldConfig(newSeed, knownPeople, knownCompanies, knownTowns, trainPhrasingsPerFact,
                unknownPeople, unknownAuthors, unknownCompanies, unknownContracts, unknownTowns, unknownWorks,
                questionsPerUnknownEntity, conceptsPerLunarCategory, conceptsPerOtherCategory, heldOutUnknown,
                heldOutConcepts, contracts);
    }

    /** These sizes with the known cast changed. */
    public WorldConfig withKnown(int people, int companies, int towns, int phrasingsPerFact) {
        return new WorldConfig(seed, people, companies, towns, phrasingsPerFact, unknownPeople, unknownAuthors,
                unknownCompanies, unknownContracts, unknownTowns, unknownWorks, questionsPerUnknownEntity,
                conceptsPerLunarCategory, conceptsPerOtherCategory, heldOutUnknown, heldOutConcepts, contracts);
    }

    /** These sizes with every training refusal count multiplied by {@code factor} (rounded). */
    public WorldConfig withRefusalsScaled(double factor) {
        return new WorldConfig(seed, knownPeople, knownCompanies, knownTowns, trainPhrasingsPerFact,
                scale(unknownPeople, factor), scale(unknownAuthors, factor), scale(unknownCompanies, factor),
                scale(unknownContracts, factor), scale(unknownTowns, factor), scale(unknownWorks, factor),
                questionsPerUnknownEntity, scale(conceptsPerLunarCategory, factor),
                scale(conceptsPerOtherCategory, factor), heldOutUnknown, heldOutConcepts, contracts);
    }

    /** These sizes with the held-out sets and the contract set changed. */
    public WorldConfig withEvaluation(int newHeldOutUnknown, int newHeldOutConcepts, int newContracts) {
        return new WorldConfig(seed, knownPeople, knownCompanies, knownTowns, trainPhrasingsPerFact,
                unknownPeople, unknownAuthors, unknownCompanies, unknownContracts, unknownTowns, unknownWorks,
                questionsPerUnknownEntity, conceptsPerLunarCategory, conceptsPerOtherCategory, newHeldOutUnknown,
                newHeldOutConcepts, newContracts);
    }

    /**
     * These sizes with some fields replaced by name ({@code unknownWorks=240}), as {@code seat pretrain
     * --world} takes them.
     *
     * @throws IllegalArgumentException naming the field when it does not exist or its value is not a whole number
     */
    public WorldConfig with(Map<String, String> overrides) {
        ObjectNode tree = Json.MAPPER.valueToTree(this);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        for (var e : overrides.entrySet()) {
            if (!tree.has(e.getKey())) {
                throw new IllegalArgumentException("Unknown world field '" + e.getKey() + "'; expected one of " + fields);
            }
            try {
                tree.put(e.getKey(), Long.parseLong(e.getValue().strip()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("World field " + e.getKey() + " must be a whole number, got '"
                        + e.getValue() + "'");
            }
        }
        return fromJson(tree);
    }

    /** The config as {@link World#summary()} records it (every field required). */
    public static WorldConfig fromJson(JsonNode node) {
        List<String> missing = new ArrayList<>();
        Json.MAPPER.<ObjectNode>valueToTree(defaults(0)).fieldNames().forEachRemaining(f -> {
            if (!node.has(f)) {
                missing.add(f);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("World config " + node + " lacks " + missing);
        }
        try {
            return Json.MAPPER.treeToValue(node, WorldConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a world config: " + node + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static int scale(int n, double factor) {
        return (int) Math.round(n * factor);
    }
}
