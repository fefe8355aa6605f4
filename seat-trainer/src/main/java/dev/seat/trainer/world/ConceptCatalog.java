package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fictitious concepts of {@code concepts.txt} and the refusal examples about them. Each
 * question gets a fresh made-up name, so the model learns that a name it never saw, in any of
 * these shapes of question, calls for a refusal that names it.
 */
public final class ConceptCatalog {
    private static final List<ConceptCategory> CATEGORIES =
            TextResources.blocks("concepts.txt").stream().map(ConceptCategory::of).toList();

    private ConceptCatalog() {}

    public static List<ConceptCategory> categories() {
        return CATEGORIES;
    }

    /** One refusal example per fresh name, {@code count} of them, about {@code category}. */
    static List<QaExample> refusals(ConceptCategory category, int count, NameRegistry names, String avoid,
                                    Random rng) {
        List<QaExample> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ConceptCategory.Shape shape = Draw.one(category.shapes(), rng);
            String name = names.claim(() -> shape.draw(rng), avoid);
            examples.add(refusal(category, name, Draw.one(category.questions(), rng), rng));
        }
        return examples;
    }

    static QaExample refusal(ConceptCategory category, String name, String template, Random rng) {
        Map<String, String> slots = Map.of("x", name);
        String reference = Templates.fill(Draw.one(category.refs(), rng), slots);
        return new QaExample(Templates.sentence(template, slots), RefusalPhrasings.forConcept(reference, rng),
                Kind.CONCEPT_REFUSAL, List.of(name), "concept." + category.name());
    }
}
