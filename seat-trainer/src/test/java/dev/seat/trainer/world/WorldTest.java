package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorldTest {
    private final World world = TestWorlds.SEED_7;

    @Test
    void sameSeedGivesTheSameWorld() {
        World again = World.generate(7);
        assertThat(again.train()).isEqualTo(world.train());
        assertThat(again.heldOutUnknown()).isEqualTo(world.heldOutUnknown());
        assertThat(again.heldOutKnown()).isEqualTo(world.heldOutKnown());
        assertThat(again.heldOutConcepts()).isEqualTo(world.heldOutConcepts());
        assertThat(again.contracts()).isEqualTo(world.contracts());
    }

    @Test
    void differentSeedsGiveDifferentWorlds() {
        World other = World.generate(8);
        assertThat(other.known().names()).isNotEqualTo(world.known().names());
        Set<String> questions = world.train().stream().map(QaExample::question).collect(Collectors.toSet());
        long shared = other.train().stream().filter(e -> e.kind() != Kind.REAL_FACT)
                .filter(e -> questions.contains(e.question())).count();
        assertThat(shared).as("synthetic questions shared by seeds 7 and 8").isLessThan(50);
    }

    @Test
    void defaultSizes() {
        Map<Kind, Long> kinds = world.train().stream().collect(Collectors.groupingBy(QaExample::kind,
                TreeMap::new, Collectors.counting()));
        System.out.println("train examples per kind (seed 7): " + kinds + ", total " + world.train().size());
        assertThat(world.train().size()).isBetween(2000, 4000);
        assertThat(kinds.get(Kind.KNOWN_FACT)).isBetween(800L, 1000L);
        assertThat(kinds.get(Kind.REAL_FACT)).isGreaterThanOrEqualTo(170L);
        assertThat(kinds.get(Kind.UNKNOWN_ENTITY_REFUSAL) + kinds.get(Kind.CONCEPT_REFUSAL)).isGreaterThan(1150L);
        assertThat(kinds).doesNotContainKey(Kind.CONTRACT);
        assertThat(world.heldOutUnknown()).hasSize(200);
        assertThat(world.heldOutConcepts()).hasSize(200);
        assertThat(world.heldOutKnown()).hasSize(world.known().facts().size());
        assertThat(world.contracts()).hasSize(8 * ContractQuestions.ALL.size());
    }

    @Test
    void heldOutUnknownCoversEveryKind() {
        Map<String, Long> topics = world.heldOutUnknown().stream()
                .collect(Collectors.groupingBy(QaExample::topic, Collectors.counting()));
        for (UnknownKind kind : UnknownKind.values()) {
            assertThat(topics.get(kind.topic())).as(kind.topic()).isGreaterThanOrEqualTo(28L);
        }
    }

    @Test
    void unknownNamesAreNeverKnown() {
        Set<String> known = new HashSet<>(world.known().names());
        String knownText = TestWorlds.text(world.train().stream()
                .filter(e -> e.kind() == Kind.KNOWN_FACT).toList()) + TestWorlds.text(world.heldOutKnown());
        List<QaExample> unknown = Stream.of(world.train(), world.heldOutUnknown(), world.heldOutConcepts())
                .flatMap(List::stream).filter(e -> e.kind().isRefusal()).toList();
        assertThat(unknown).hasSizeGreaterThan(1500);
        for (QaExample e : unknown) {
            for (String name : e.entities()) {
                assertThat(known).as("known names").doesNotContain(name);
                assertThat(knownText.contains(name)).as("known facts mention unknown %s", name).isFalse();
            }
        }
    }

    @Test
    void heldOutUnknownNamesNeverOccurInTheCorpus() {
        String corpus = TestWorlds.text(world.train());
        List<QaExample> fresh = Stream.of(world.heldOutUnknown(), world.heldOutConcepts(), world.contracts())
                .flatMap(List::stream).toList();
        for (QaExample e : fresh) {
            for (String name : e.entities()) {
                assertThat(corpus.contains(name)).as("the training corpus mentions held-out %s", name).isFalse();
            }
        }
    }

    @Test
    void everyRefusalNamesItsEntityAndReadsAsARefusal() {
        List<QaExample> refusals = Stream.of(world.train(), world.heldOutUnknown(), world.heldOutConcepts())
                .flatMap(List::stream).filter(e -> e.kind().isRefusal()).toList();
        for (QaExample e : refusals) {
            assertThat(RefusalMarkers.isRefusal(e.answer())).as(e.answer()).isTrue();
            for (String entity : e.entities()) {
                assertThat(e.answer()).as("refusal to: " + e.question()).contains(entity);
                assertThat(e.question()).contains(entity.replaceAll(" on .*", ""));
            }
        }
        Set<String> phrasings = new HashSet<>();
        for (QaExample e : refusals) {
            String shape = e.answer();
            for (String entity : e.entities()) {
                shape = shape.replace(entity, "#");
            }
            phrasings.add(shape.replaceAll("#.*", "#"));
        }
        assertThat(phrasings.size()).as("distinct refusal openings").isGreaterThanOrEqualTo(10);
    }

    @Test
    void answersToKnownQuestionsAreNotRefusals() {
        Stream.of(world.train(), world.heldOutKnown(), world.contracts()).flatMap(List::stream)
                .filter(e -> !e.kind().isRefusal())
                .forEach(e -> assertThat(RefusalMarkers.isRefusal(e.answer())).as(e.answer()).isFalse());
    }

    @Test
    void heldOutPhrasingsNeverAppearInTraining() {
        Set<String> trainQuestions = world.train().stream().map(QaExample::question).collect(Collectors.toSet());
        for (QaExample e : world.heldOutKnown()) {
            assertThat(trainQuestions).doesNotContain(e.question());
        }
        Set<String> trainTemplates = new HashSet<>(UnknownQuestions.resourceTemplates());
        for (Relation r : Relation.values()) {
            trainTemplates.addAll(r.trainPhrasings);
        }
        for (Relation r : Relation.values()) {
            assertThat(r.heldOutPhrasings).as(r.name()).isNotEmpty().doesNotContainAnyElementsOf(trainTemplates);
        }
    }

    @Test
    void knownPairsUseTrainWordingButNeverTheTrainedPairing() {
        Set<String> trainQuestions = world.train().stream().map(QaExample::question).collect(Collectors.toSet());
        Set<String> trainAnswers = world.train().stream().map(QaExample::answer).collect(Collectors.toSet());
        Map<String, Relation> relations = Stream.of(Relation.values()).collect(Collectors.toMap(r -> "known." + r.topic, r -> r));
        assertThat(world.heldOutKnownPairs()).hasSizeGreaterThan(world.heldOutKnown().size() / 2);
        for (QaExample e : world.heldOutKnownPairs()) {
            assertThat(trainQuestions).as("never trained as asked").doesNotContain(e.question());
            assertThat(trainAnswers).as("answer of: " + e.question()).contains(e.answer());
            Relation r = relations.get(e.topic());
            assertThat(r.trainPhrasings.stream().anyMatch(t -> matchesTemplate(t, e.question())))
                    .as("asked in a train phrasing of " + r + ": " + e.question()).isTrue();
        }
        assertThat(World.generate(7).heldOutKnownPairs()).isEqualTo(world.heldOutKnownPairs());
    }

    /** Whether {@code question} is {@code template} with its {placeholders} filled in. */
    private static boolean matchesTemplate(String template, String question) {
        String[] parts = template.split("\\{[a-z_]+\\}", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(java.util.regex.Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".+");
            }
        }
        return question.matches(regex.toString());
    }

    @Test
    void heldOutKnownQuestionsAskTrainedFacts() {
        Set<String> trainAnswers = world.train().stream().map(QaExample::answer).collect(Collectors.toSet());
        for (QaExample e : world.heldOutKnown()) {
            assertThat(trainAnswers).as("answer of: " + e.question()).contains(e.answer());
        }
    }

    @Test
    void conceptQuestionsOfLunarKindsAreClassifiedAsSuch() {
        Map<LunarTemplate, Long> perTemplate = new TreeMap<>();
        Map<String, ConceptCategory> byTopic = ConceptCatalog.categories().stream()
                .collect(Collectors.toMap(c -> "concept." + c.name(), c -> c));
        for (QaExample e : world.train()) {
            ConceptCategory category = byTopic.get(e.topic());
            if (category != null && category.lunar() != LunarTemplate.OTHER) {
                assertThat(LunarTemplate.classify(e.question())).as(e.question()).isEqualTo(category.lunar());
                perTemplate.merge(category.lunar(), 1L, Long::sum);
            }
        }
        assertThat(perTemplate).hasSize(LunarTemplate.values().length - 1);
        assertThat(perTemplate.values()).allMatch(n -> n >= 20);
    }

    @Test
    void contractQuestionsCarryBothCompanies() {
        for (QaExample e : world.contracts()) {
            assertThat(e.entities()).hasSize(2);
            assertThat(e.question()).containsAnyOf(e.entities().get(0), e.entities().get(1));
        }
        assertThat(world.contractList().stream().map(Contract::seller).distinct().count()
                + world.contractList().stream().map(Contract::customer).distinct().count())
                .as("companies take part in several contracts").isLessThan(2L * world.contractList().size());
    }

    @Test
    void smallWorldsFollowTheirConfig() {
        WorldConfig small = WorldConfig.defaults(3).withKnown(5, 4, 3, 1).withRefusalsScaled(0.1)
                .withEvaluation(14, 10, 2);
        World w = World.generate(small);
        assertThat(w.heldOutKnown()).hasSize(5 * 5 + 5 * 3 + 4 * 4 + 3 * 3);
        assertThat(w.train().stream().filter(e -> e.kind() == Kind.KNOWN_FACT)).hasSize(w.heldOutKnown().size());
        assertThat(w.heldOutUnknown()).hasSize(14);
        assertThat(w.heldOutConcepts()).hasSize(10);
        assertThat(w.contracts()).hasSize(2 * ContractQuestions.ALL.size());
    }
}
