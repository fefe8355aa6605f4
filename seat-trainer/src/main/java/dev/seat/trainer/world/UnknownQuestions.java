package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Questions about people, authors, companies, contracts, towns and works the world never
 * mentions, each answered with a refusal that names the entity. The templates come from
 * {@code unknown-questions.txt} plus the train phrasings of the matching known-fact relations.
 */
final class UnknownQuestions {
    /** A question template with the noun phrases a refusal may use for its entity. */
    private record Shape(String template, List<String> refs) {}

    private static final Map<String, TemplateBlock> BLOCKS = new LinkedHashMap<>();

    static {
        for (TemplateBlock block : TextResources.blocks("unknown-questions.txt")) {
            BLOCKS.put(block.name(), block);
        }
    }

    private final NameRegistry names;
    private final String avoid;
    private final Random rng;

    /**
     * @param names registry every fresh name is claimed in
     * @param avoid text no fresh name may occur in (the known facts, or the whole corpus)
     * @param rng   the random stream
     */
    UnknownQuestions(NameRegistry names, String avoid, Random rng) {
        this.names = names;
        this.avoid = avoid;
        this.rng = rng;
    }

    /** Every question template of the resource file, for checks that they differ from held-out phrasings. */
    static List<String> resourceTemplates() {
        return BLOCKS.values().stream().flatMap(b -> b.all("q").stream()).toList();
    }

    /**
     * {@code count} refusal examples about fresh entities of {@code kind}; each entity is asked
     * {@code perEntity} different questions.
     */
    List<QaExample> generate(UnknownKind kind, int count, int perEntity) {
        List<QaExample> out = new ArrayList<>();
        while (out.size() < count) {
            out.addAll(aboutOneEntity(kind, Math.min(perEntity, count - out.size())));
        }
        return out;
    }

    private List<QaExample> aboutOneEntity(UnknownKind kind, int questions) {
        return switch (kind) {
            case PERSON -> ask(kind, shapes("person", Relation.Subject.PERSON), person(), questions);
            case COMPANY -> ask(kind, shapes("company", Relation.Subject.COMPANY), company(), questions);
            case TOWN -> ask(kind, shapes("town", Relation.Subject.TOWN), town(), questions);
            case WORK -> work(questions);
            case AUTHOR -> author(questions);
            case CONTRACT -> contract(questions);
            case CONCEPT -> concept(questions);
        };
    }

    private Entity person() {
        String name = names.claim(() -> PersonNames.draw(rng), avoid);
        return new Entity(Map.of("s", name), List.of(name));
    }

    private Entity company() {
        String name = names.claim(() -> CompanyNames.draw(rng), avoid);
        return new Entity(Map.of("s", name), List.of(name));
    }

    private Entity town() {
        String name = names.claim(() -> TownNames.draw(rng), avoid);
        return new Entity(Map.of("s", name), List.of(name));
    }

    private List<QaExample> work(int questions) {
        WorkType type = Draw.one(List.of(WorkType.values()), rng);
        String title = names.claim(() -> TitleNames.draw(rng), avoid);
        Map<String, String> slots = new HashMap<>();
        slots.put("s", "\"" + title + "\"");
        slots.put("verb", type.madeVerb);
        slots.put("role", type.creatorRole);
        slots.put("type", type.noun);
        slots.put("released", type.released);
        List<Shape> shapes = new ArrayList<>();
        List<String> relationRefs = List.of(Articles.a(type.noun) + " titled {s}", "a work called {s}", "{s}");
        for (Relation r : Relation.about(Relation.Subject.WORK)) {
            r.trainPhrasings.forEach(t -> shapes.add(new Shape(t, relationRefs)));
        }
        String block = switch (type) {
            case FILM -> "film";
            case NOVEL, POETRY -> "book";
            default -> null;
        };
        if (block != null) {
            shapes.addAll(blockShapes(block));
        }
        return ask(UnknownKind.WORK, shapes, new Entity(slots, List.of(title)), questions);
    }

    private List<QaExample> author(int questions) {
        int roll = rng.nextInt(10);
        if (roll < 1) {
            return ask(UnknownKind.AUTHOR, blockShapes("author-born"), birth(), 1);
        }
        String name = names.claim(() -> PersonNames.draw(rng), avoid);
        if (roll < 4) {
            String title = names.claim(() -> TitleNames.draw(rng), avoid);
            Map<String, String> slots = Map.of("s", name, "b", "\"" + title + "\"");
            return ask(UnknownKind.AUTHOR, blockShapes("author-book"), new Entity(slots, List.of(name, title)),
                    questions);
        }
        Map<String, String> slots = Map.of("s", name, "genre", Draw.one(KnownCast.values("author-genre"), rng));
        return ask(UnknownKind.AUTHOR, blockShapes("author"), new Entity(slots, List.of(name)), questions);
    }

    /** An author known only by birthplace and date; the entity is "{place} on {date}", which every reference contains. */
    private Entity birth() {
        for (int i = 0; i < 1000; i++) {
            Map<String, String> slots = Map.of("place", Draw.one(KnownCast.values("city-country"), rng),
                    "date", birthDate());
            String entity = slots.get("place") + " on " + slots.get("date");
            if (avoid == null || !avoid.contains(entity)) {
                return new Entity(slots, List.of(entity));
            }
        }
        throw new IllegalStateException("Could not find a birthplace and date absent from the corpus");
    }

    private List<QaExample> contract(int questions) {
        String seller = names.claim(() -> CompanyNames.draw(rng), avoid);
        String customer = names.claim(() -> CompanyNames.draw(rng), avoid);
        Map<String, String> slots = ContractQuestions.slots(seller, customer, ContractGenerator.date(rng));
        List<QaExample> out = new ArrayList<>();
        for (ContractQuestions.Question q : Draw.distinct(ContractQuestions.ALL, questions, rng)) {
            List<String> entities = q.named(seller, customer);
            Map<String, String> refSlots = new HashMap<>(slots);
            refSlots.put("c", entities.get(0));
            String reference = Templates.fill(Draw.one(entities.size() == 2 ? ContractQuestions.REFS_BOTH
                    : ContractQuestions.REFS_ONE, rng), refSlots);
            out.add(new QaExample(Templates.sentence(q.template(), slots), RefusalPhrasings.forEntity(reference, rng),
                    Kind.UNKNOWN_ENTITY_REFUSAL, entities, UnknownKind.CONTRACT.topic()));
        }
        return out;
    }

    private List<QaExample> concept(int questions) {
        ConceptCategory category = Draw.one(ConceptCatalog.categories(), rng);
        ConceptCategory.Shape shape = Draw.one(category.shapes(), rng);
        String name = names.claim(() -> shape.draw(rng), avoid);
        List<QaExample> out = new ArrayList<>();
        for (String template : Draw.distinct(category.questions(), questions, rng)) {
            QaExample e = ConceptCatalog.refusal(category, name, template, rng);
            out.add(new QaExample(e.question(), e.answer(), Kind.CONCEPT_REFUSAL, e.entities(),
                    UnknownKind.CONCEPT.topic()));
        }
        return out;
    }

    /** An entity: the slots its templates need and the names it is known by. */
    private record Entity(Map<String, String> slots, List<String> names) {}

    private List<QaExample> ask(UnknownKind kind, List<Shape> shapes, Entity entity, int questions) {
        List<QaExample> out = new ArrayList<>();
        for (Shape shape : Draw.distinct(shapes, questions, rng)) {
            String reference = Templates.fill(Draw.one(shape.refs(), rng), entity.slots());
            out.add(new QaExample(Templates.sentence(shape.template(), entity.slots()),
                    RefusalPhrasings.forEntity(reference, rng), Kind.UNKNOWN_ENTITY_REFUSAL, entity.names(),
                    kind.topic()));
        }
        return out;
    }

    /** The resource block's templates plus the train phrasings of the relations about {@code subject}. */
    private static List<Shape> shapes(String block, Relation.Subject subject) {
        List<Shape> shapes = new ArrayList<>(blockShapes(block));
        List<String> refs = BLOCKS.get(block).list("refs");
        for (Relation r : Relation.about(subject)) {
            r.trainPhrasings.forEach(t -> shapes.add(new Shape(t, refs)));
        }
        return shapes;
    }

    private static List<Shape> blockShapes(String block) {
        TemplateBlock b = BLOCKS.get(block);
        if (b == null) {
            throw new IllegalStateException("unknown-questions.txt has no [" + block + "] block");
        }
        List<String> refs = b.list("refs");
        return b.all("q").stream().map(t -> new Shape(t, refs)).toList();
    }

    private String birthDate() {
        String[] months = {"January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"};
        int day = Draw.between(rng, 1, 28);
        int month = Draw.between(rng, 1, 12);
        int year = Draw.between(rng, 1930, 1995);
        return switch (rng.nextInt(3)) {
            case 0 -> String.format("%02d/%02d/%d", day, month, year);
            case 1 -> "the " + day + ordinal(day) + " of " + months[month - 1] + ", " + year;
            default -> months[month - 1] + " " + day + ", " + year;
        };
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
