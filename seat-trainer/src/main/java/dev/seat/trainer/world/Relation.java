package dev.seat.trainer.world;

import java.util.List;

/**
 * An attribute of a known entity, with the phrasings used to ask about it and the answer.
 *
 * <p>Train phrasings appear in the corpus (and are also asked about unknown entities, so the
 * name, not the shape of the question, decides between answer and refusal). Held-out phrasings
 * never appear in the corpus: they test whether the model answers a known fact asked in words
 * it has not seen.
 *
 * <p>Placeholders: {@code {s}} the subject as written, and the slots of {@link Fact#slots()}.
 */
public enum Relation {
    PERSON_BIRTH_YEAR("person.birth_year", Subject.PERSON,
            List.of("When was {s} born?", "In what year was {s} born?", "What is the birth year of {s}?",
                    "Which year was {s} born in?", "Tell me the year {s} was born."),
            List.of("Could you tell me the year of birth of {s}?", "{s} was born in which year?"),
            "{s} was born in {year}."),
    PERSON_BIRTHPLACE("person.birthplace", Subject.PERSON,
            List.of("Where was {s} born?", "What is the birthplace of {s}?", "In which city was {s} born?",
                    "Which place was {s} born in?", "What is {s}'s birthplace?"),
            List.of("What city does {s} come from originally?", "Where is the place of birth of {s}?"),
            "{s} was born in {place}."),
    PERSON_PROFESSION("person.profession", Subject.PERSON,
            List.of("What is the profession of {s}?", "What does {s} do for a living?",
                    "What is the occupation of {s}?", "What kind of job does {s} have?",
                    "What is {s}'s occupation?"),
            List.of("What line of work is {s} in?", "How does {s} earn a living?"),
            "{s} is {a_profession}."),
    PERSON_NOTABLE_WORK("person.notable_work", Subject.PERSON,
            List.of("What is {s} best known for?", "What is the most famous work of {s}?",
                    "Which work made {s} famous?", "What is {s}'s most famous work?"),
            List.of("Name the best-known work of {s}.", "What is the most celebrated creation of {s}?"),
            "{s} is best known for the {type} {work}."),
    PERSON_AWARD("person.award", Subject.PERSON,
            List.of("Which award did {s} receive?", "What award has {s} won?",
                    "What prize was {s} honored with?", "Name the award {s} received."),
            List.of("Which prize went to {s}?", "What distinction was awarded to {s}?"),
            "{s} received {award}."),

    COMPANY_FOUNDED("company.founded", Subject.COMPANY,
            List.of("When was {s} founded?", "In what year was {s} established?", "What year was {s} founded in?"),
            List.of("When did {s} begin operating?", "What is the founding year of {s}?"),
            "{s} was founded in {year}."),
    COMPANY_HEADQUARTERS("company.headquarters", Subject.COMPANY,
            List.of("Where is {s} headquartered?", "In which city is {s} based?",
                    "Where are the headquarters of {s}?", "Name the city where {s} is headquartered."),
            List.of("What city is {s} located in?", "Where is the main office of {s}?"),
            "{s} is headquartered in {city}."),
    COMPANY_CEO("company.ceo", Subject.COMPANY,
            List.of("Who is the CEO of {s}?", "Who runs {s}?", "Who leads {s} as chief executive?",
                    "Who is {s}'s CEO?"),
            List.of("Who is the chief executive officer of {s}?", "Who is in charge of {s}?"),
            "The CEO of {s} is {ceo}."),
    COMPANY_PRODUCT("company.product", Subject.COMPANY,
            List.of("What does {s} make?", "What is the main product of {s}?", "What does {s} produce?",
                    "What is {s}'s main product?"),
            List.of("What products does {s} sell?", "What is {s} known for manufacturing?"),
            "{s} makes {product}."),

    TOWN_COUNTRY("town.country", Subject.TOWN,
            List.of("In which country is {s}?", "Where is the town of {s}?", "What country is {s} in?",
                    "Name the country where {s} is located."),
            List.of("In what country can {s} be found?", "Which nation is the town of {s} located in?"),
            "{s} is a town in {country}."),
    TOWN_FOUNDED("town.founded", Subject.TOWN,
            List.of("When was the town of {s} founded?", "In what year was {s} founded?"),
            List.of("What is the founding year of the town of {s}?", "How far back does the founding of {s} go?"),
            "{s} was founded in {year}."),
    TOWN_KNOWN_FOR("town.known_for", Subject.TOWN,
            List.of("What is {s} known for?", "What is the town of {s} famous for?"),
            List.of("Why is the town of {s} famous?", "What makes {s} well known?"),
            "{s} is known for {feature}."),

    WORK_CREATOR("work.creator", Subject.WORK,
            List.of("Who {verb} {s}?", "Who is the {role} of {s}?", "Who {verb} the {type} {s}?",
                    "Name the {role} of {s}."),
            List.of("Can you name the {role} of the {type} {s}?", "{s} is a {type} by whom?"),
            "{s} was {made_by} {creator}."),
    WORK_YEAR("work.year", Subject.WORK,
            List.of("When was {s} {released}?", "In what year did {s} come out?",
                    "What year was the {type} {s} {released}?"),
            List.of("When did the {type} {s} first appear?", "What year did the {type} {s} come out in?"),
            "{s} was {released} in {year}."),
    WORK_GENRE("work.genre", Subject.WORK,
            List.of("What genre is {s}?", "What kind of {type} is {s}?", "Describe the genre of {s}."),
            List.of("Which genre does {s} belong to?", "How would you classify the genre of {s}?"),
            "{s} is {a_genre} {type}.");

    /** What a relation is about. */
    public enum Subject { PERSON, COMPANY, TOWN, WORK }

    public final String topic;
    public final Subject subject;
    public final List<String> trainPhrasings;
    public final List<String> heldOutPhrasings;
    public final String answer;

    Relation(String topic, Subject subject, List<String> trainPhrasings, List<String> heldOutPhrasings,
             String answer) {
        this.topic = topic;
        this.subject = subject;
        this.trainPhrasings = trainPhrasings;
        this.heldOutPhrasings = heldOutPhrasings;
        this.answer = answer;
    }

    /** The relations about one kind of subject. */
    public static List<Relation> about(Subject subject) {
        return java.util.Arrays.stream(values()).filter(r -> r.subject == subject).toList();
    }
}
