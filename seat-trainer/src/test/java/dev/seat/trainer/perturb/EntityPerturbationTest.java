package dev.seat.trainer.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entity extraction and perturbation: entity found, replaced everywhere, never a real/known/training name. */
class EntityPerturbationTest {
    static World world;

    @BeforeAll
    static void smallWorld() {
        world = World.generate(WorldConfig.defaults(3).withRefusalsScaled(0.3).withEvaluation(40, 20, 4));
    }

    /** The world's contract questions, with the entities the dataset names dropped (so the heuristic must find them). */
    static List<QaItem> contractsWithoutEntities() {
        List<QaItem> items = new ArrayList<>();
        for (QaExample e : world.contracts()) {
            items.add(new QaItem(String.valueOf(items.size()), e.question(), e.answer(), List.of()));
        }
        return items;
    }

    @Test
    void datasetEntitiesAreUsedWhenTheDatasetNamesThem() {
        List<QaItem> items = world.contracts().stream()
                .map(e -> new QaItem("x", e.question(), e.answer(), e.entities())).toList();
        EntityExtractor x = new EntityExtractor(items);
        for (int i = 0; i < items.size(); i++) {
            List<String> named = items.get(i).entities().stream().filter(items.get(i).question()::contains).toList();
            assertThat(x.entities(i)).containsExactlyElementsOf(named);
        }
    }

    @Test
    void heuristicFindsTheCompaniesOfEveryContractQuestion() {
        List<QaItem> items = contractsWithoutEntities();
        EntityExtractor x = new EntityExtractor(items);
        for (int i = 0; i < items.size(); i++) {
            QaExample truth = world.contracts().get(i);
            List<String> expected = truth.entities().stream().filter(truth.question()::contains).toList();
            assertThat(x.entities(i)).as(truth.question()).containsExactlyInAnyOrderElementsOf(expected);
            x.entities(i).forEach(e -> assertThat(EntityKind.of(e)).isEqualTo(EntityKind.COMPANY));
        }
    }

    @Test
    void heuristicOnThePublicPistolAndTofuFiles() {
        var pistol = RepoPaths.shared("datasets/pistol/sample_data_1.json");
        pistol.ifPresent(p -> {
            List<QaItem> items = QaDatasets.read(p);
            EntityExtractor x = new EntityExtractor(items);
            assertThat(x.entities(0)).containsExactlyInAnyOrder("Wnzatj SAS", "Jzrcws SA");
            assertThat(x.entities(1)).containsExactly("Jzrcws SA");
            for (int i = 0; i < items.size(); i++) {
                // sales contracts name companies; PISTOL's employment contracts also name a person ("Xqtb Laur")
                assertThat(x.entities(i)).as(items.get(i).question()).isNotEmpty()
                        .allSatisfy(e -> assertThat(EntityKind.of(e)).isIn(EntityKind.COMPANY, EntityKind.PERSON));
            }
        });
        var tofu = RepoPaths.shared("datasets/tofu/forget01.jsonl");
        tofu.ifPresent(p -> {
            List<QaItem> items = QaDatasets.read(p);
            EntityExtractor x = new EntityExtractor(items);
            assertThat(x.entities(1)).containsExactly("Basil Mahfouz Al-Kuwaiti");
            assertThat(EntityKind.of("Basil Mahfouz Al-Kuwaiti")).isEqualTo(EntityKind.PERSON);
        });
    }

    @Test
    void everyOccurrenceIsReplacedByAFreshNameOfTheSameKind() {
        List<QaItem> items = contractsWithoutEntities();
        EntityExtractor x = new EntityExtractor(items);
        ForbiddenNames forbidden = ForbiddenNames.of(items, world);
        EntityPerturber perturber = new EntityPerturber(forbidden, 9);
        String worldText = worldText();
        for (int i = 0; i < items.size(); i++) {
            String q = items.get(i).question();
            List<String> entities = x.entities(i);
            for (int c = 0; c < 3; c++) {
                EntityPerturber.Perturbed p = perturber.perturb(q, entities, i, c);
                assertThat(p.replacements().keySet()).containsExactlyInAnyOrderElementsOf(entities);
                for (Map.Entry<String, String> r : p.replacements().entrySet()) {
                    assertThat(p.question()).as("no mention of %s left", r.getKey()).doesNotContain(r.getKey());
                    assertThat(count(p.question(), r.getValue())).as("every mention replaced")
                            .isEqualTo(count(q, r.getKey()));
                    assertThat(EntityKind.of(r.getValue())).isEqualTo(EntityKind.of(r.getKey()));
                    assertThat(worldText).as("replacement %s is no world or training name", r.getValue())
                            .doesNotContain(r.getValue());
                    assertThat(forbidden.isForbidden(r.getValue())).isFalse();
                    for (String known : world.known().names()) {
                        assertThat(r.getValue()).doesNotContain(known);
                    }
                }
                String rest = p.question();
                for (String v : p.replacements().values()) {
                    rest = rest.replace(v, "{e}");
                }
                String original = q;
                for (String k : p.replacements().keySet()) {
                    original = original.replace(k, "{e}");
                }
                assertThat(rest).as("only the entities changed").isEqualTo(original);
            }
        }
    }

    @Test
    void personsGetPersonNamesAndCopiesAreReproducibleBySeed() {
        List<QaItem> items = List.of(new QaItem("0", "Where was Ana Lima born, and did Ana Lima write novels?", "In Porto.", List.of("Ana Lima")));
        ForbiddenNames forbidden = ForbiddenNames.of(items, world);
        EntityPerturber a = new EntityPerturber(forbidden, 1);
        EntityPerturber.Perturbed p = a.perturb(items.get(0).question(), List.of("Ana Lima"), 0, 0);
        assertThat(p).isEqualTo(new EntityPerturber(forbidden, 1).perturb(items.get(0).question(), List.of("Ana Lima"), 0, 0));
        assertThat(p.question()).doesNotContain("Ana Lima");
        String name = p.replacements().get("Ana Lima");
        assertThat(name.split(" ")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(count(p.question(), name)).isEqualTo(2);
        assertThat(new EntityPerturber(forbidden, 1).perturb(items.get(0).question(), List.of("Ana Lima"), 0, 1))
                .as("another copy draws another name").isNotEqualTo(p);
    }

    @Test
    void aNameIsReplacedOnlyWhereItIsAWholeWord() {
        String q = "Did Ana visit Anatolia, and is Ana's novel about Ana-Maria?";
        List<QaItem> items = List.of(new QaItem("0", q, "Yes.", List.of("Ana")));
        EntityPerturber.Perturbed p = new EntityPerturber(ForbiddenNames.of(items, world), 1).perturb(q, List.of("Ana"), 0, 0);
        String name = p.replacements().get("Ana");
        assertThat(p.question()).isEqualTo("Did " + name + " visit Anatolia, and is " + name + "'s novel about Ana-Maria?");
    }

    @Test
    void entitiesAreFoundOnlyAsWholeWords() {
        // a dataset-named entity that occurs only inside a longer word is not this question's entity
        EntityExtractor named = new EntityExtractor(List.of(new QaItem("0", "Who mapped Anatolia first?", "Nobody.",
                List.of("Ana"))));
        assertThat(named.entities(0)).isEmpty();
        // "Ana" recurs in the dataset only inside "Anatolia": not a recurring name
        EntityExtractor heuristic = new EntityExtractor(List.of(new QaItem("0", "When did Ana arrive?", "In spring.", List.of()),
                new QaItem("1", "Where is Anatolia?", "In western Asia.", List.of())));
        assertThat(heuristic.entities(0)).isEmpty();
        // ...but it is one when it recurs as a word, possessive included
        EntityExtractor recurring = new EntityExtractor(List.of(new QaItem("0", "When did Ana arrive?", "In spring.", List.of()),
                new QaItem("1", "Where is Ana's house?", "In Porto.", List.of())));
        assertThat(recurring.entities(0)).containsExactly("Ana");
        assertThat(WholeWords.contains("Wnzatj S.A. signed", "Wnzatj S.A.")).isTrue();
        assertThat(WholeWords.contains("Wnzatj S.A.S signed", "Wnzatj S.A.")).as("punctuation-final name, matched as written")
                .isTrue();
        assertThat(WholeWords.contains("Xwnzatj SA", "Wnzatj SA")).isFalse();
    }

    @Test
    void aKnownNameIsNeverAReplacement() {
        String known = world.known().companies().get(0).name();
        List<QaItem> items = List.of(new QaItem("0", "Who founded Qqqqq GmbH?", "Nobody.", List.of("Qqqqq GmbH")));
        ForbiddenNames forbidden = ForbiddenNames.of(items, world);
        assertThat(forbidden.isForbidden(known)).isTrue();
        assertThat(forbidden.isForbidden("Qqqqq GmbH")).isTrue();
        assertThat(forbidden.isForbidden(world.known().people().get(0).name())).isTrue();
    }

    private static String worldText() {
        StringBuilder sb = new StringBuilder();
        for (List<QaExample> set : List.of(world.train(), world.heldOutKnown(), world.heldOutUnknown(),
                world.heldOutConcepts(), world.contracts())) {
            set.forEach(e -> sb.append(e.question()).append('\n').append(e.answer()).append('\n'));
        }
        return sb.toString();
    }

    private static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
