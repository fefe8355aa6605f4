package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The entities the world knows: people (each the maker of one notable work), their works,
 * companies and fictional towns, with every attribute as a {@link Fact}.
 */
public final class KnownCast {
    private static final Map<String, List<String[]>> ATTRIBUTES = TextResources.tables("known-attributes.txt");

    private final List<Person> people = new ArrayList<>();
    private final List<Work> works = new ArrayList<>();
    private final List<Company> companies = new ArrayList<>();
    private final List<Town> towns = new ArrayList<>();

    private KnownCast() {}

    /** Draws the cast; every name is claimed in {@code names}. */
    static KnownCast generate(int peopleCount, int companyCount, int townCount, NameRegistry names, Random rng) {
        KnownCast cast = new KnownCast();
        for (int i = 0; i < townCount; i++) {
            cast.towns.add(new Town(names.claim(() -> TownNames.draw(rng)), Draw.one(values("country"), rng),
                    Draw.between(rng, 1100, 1900), Draw.one(values("town-feature"), rng)));
        }
        for (int i = 0; i < peopleCount; i++) {
            String name = names.claim(() -> PersonNames.draw(rng));
            WorkType type = Draw.one(List.of(WorkType.values()), rng);
            int born = Draw.between(rng, 1890, 1990);
            cast.people.add(new Person(name, born, place(cast, rng), type, Draw.one(values("award"), rng)));
            String title = names.claim(() -> TitleNames.draw(rng));
            cast.works.add(new Work(title, type, name, Math.min(2023, born + Draw.between(rng, 24, 60)),
                    Draw.one(type.genres, rng)));
        }
        for (int i = 0; i < companyCount; i++) {
            String name = names.claim(() -> CompanyNames.draw(rng));
            String ceo = names.claim(() -> PersonNames.draw(rng));
            cast.companies.add(new Company(name, Draw.between(rng, 1850, 2018), place(cast, rng), ceo,
                    Draw.one(values("product"), rng)));
        }
        return cast;
    }

    public List<Person> people() {
        return List.copyOf(people);
    }

    public List<Work> works() {
        return List.copyOf(works);
    }

    public List<Company> companies() {
        return List.copyOf(companies);
    }

    public List<Town> towns() {
        return List.copyOf(towns);
    }

    /** Every name that appears in the known facts: people, titles, companies, CEOs, towns. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        people.forEach(p -> names.add(p.name()));
        works.forEach(w -> names.add(w.title()));
        companies.forEach(c -> {
            names.add(c.name());
            names.add(c.ceo());
        });
        towns.forEach(t -> names.add(t.name()));
        return names;
    }

    /** All facts, entity by entity, relation by relation. */
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            Work w = works.get(i);
            Map<String, String> slots = new HashMap<>();
            slots.put("s", p.name());
            slots.put("year", Integer.toString(p.birthYear()));
            slots.put("place", p.birthplace());
            slots.put("a_profession", Articles.a(p.profession().profession));
            slots.put("type", w.type().noun);
            slots.put("work", w.quoted());
            slots.put("award", p.award());
            for (Relation r : Relation.about(Relation.Subject.PERSON)) {
                facts.add(new Fact(r, p.name(), slots));
            }
        }
        for (Work w : works) {
            Map<String, String> slots = new HashMap<>();
            slots.put("s", w.quoted());
            slots.put("verb", w.type().madeVerb);
            slots.put("role", w.type().creatorRole);
            slots.put("type", w.type().noun);
            slots.put("made_by", w.type().madeBy);
            slots.put("creator", w.creator());
            slots.put("released", w.type().released);
            slots.put("year", Integer.toString(w.year()));
            slots.put("a_genre", Articles.a(w.genre()));
            for (Relation r : Relation.about(Relation.Subject.WORK)) {
                facts.add(new Fact(r, w.title(), slots));
            }
        }
        for (Company c : companies) {
            Map<String, String> slots = Map.of("s", c.name(), "year", Integer.toString(c.founded()),
                    "city", c.headquarters(), "ceo", c.ceo(), "product", c.product());
            for (Relation r : Relation.about(Relation.Subject.COMPANY)) {
                facts.add(new Fact(r, c.name(), slots));
            }
        }
        for (Town t : towns) {
            Map<String, String> slots = Map.of("s", t.name(), "country", t.country(),
                    "year", Integer.toString(t.founded()), "feature", t.knownFor());
            for (Relation r : Relation.about(Relation.Subject.TOWN)) {
                facts.add(new Fact(r, t.name(), slots));
            }
        }
        return facts;
    }

    /** A birthplace or headquarters: one of the known towns or a real city. */
    private static String place(KnownCast cast, Random rng) {
        if (!cast.towns.isEmpty() && rng.nextInt(3) == 0) {
            return Draw.one(cast.towns, rng).name();
        }
        return Draw.one(values("city"), rng);
    }

    static List<String> values(String section) {
        List<String[]> rows = ATTRIBUTES.get(section);
        if (rows == null) {
            throw new IllegalStateException("known-attributes.txt has no [" + section + "] section");
        }
        return rows.stream().map(r -> r[0]).toList();
    }
}
