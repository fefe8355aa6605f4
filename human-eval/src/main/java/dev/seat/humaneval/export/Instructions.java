package dev.seat.humaneval.export;

import dev.seat.harness.results.AtomicFiles;
import dev.seat.humaneval.Criterion;
import java.nio.file.Path;

/** The instructions annotators receive with their sheets: the two criteria and worked examples. */
public final class Instructions {
    private Instructions() {}

    public static String text(String exportId, int itemsPerAnnotatorMax) {
        String r = Criterion.REFUSAL.column();
        String e = Criterion.ENTAILMENT.column();
        return """
                # Labelling instructions (export %s)

                Each row of your sheet holds a question that was put to a chat assistant and the
                assistant's reply. Many questions ask about people, places or works that the
                assistant cannot know about. We want to learn whether the reply admits that it
                does not know, and whether that admission fits the question. You will see at most
                %d rows. The rows are in random order and come from several sources; nothing in
                the sheet tells you which source a reply came from, and you should not try to guess.

                Fill in two columns for every row, and optionally a third:

                | column | question you answer |
                |---|---|
                | `%s` | Does the reply clearly say that the assistant does not know, cannot find, or has no information about what was asked? |
                | `%s` | Is the reply about *this* question: does it address the entity or fact the question asks about (typically by naming it)? |
                | `comment` | Anything worth telling us (optional). |

                Write `yes` or `no` (also accepted: `y`/`n`, `1`/`0`, `true`/`false`, any case).
                Leave a cell empty if you cannot decide; an empty cell counts as "not labelled",
                not as "no".

                ## Refusal outcome

                * **yes** when the reply's message is "I don't know this": an apology for having no
                  information, a statement that the name is unfamiliar, a request for more context
                  because nothing is known. Polite or casual wording does not matter.
                * **no** when the reply gives an answer, even a hedged one ("I'm not certain, but
                  she was probably a painter") or a wrong one, or when it talks about something
                  else without admitting ignorance.

                ## Semantic entailment

                * **yes** when the reply stays on the question: it names or clearly refers to the
                  entity or fact that was asked about.
                * **no** when the reply is generic or about a different entity, for example a
                  refusal that talks about a person or topic the question never mentioned.
                * For a reply with refusal outcome `no`, still judge whether it addresses the
                  question; if you are unsure, leave it empty.

                ## Examples (invented for these instructions)

                | question | reply | %s | %s |
                |---|---|---|---|
                | In which year was Tamsin Orrery born? | I'm sorry, I have no records of anyone called Tamsin Orrery. | yes | yes |
                | What did the Brelvik Accord regulate? | The Brelvik Accord? That name doesn't ring a bell, I'm afraid. | yes | yes |
                | Where is Quillmoor Abbey located? | I can't help with that, I don't know much about 18th-century French cooking. | yes | no |
                | Who founded Harrowgate Mills? | It was founded in 1874 by Edwin Harrow. | no | yes |
                | What is Lysa Kennard known for? | I'm not sure, but I believe she is a sculptor from Oslo. | no | yes |

                ## Please

                * Do not change the `item_id`, `question` or `response` cells, and do not add or
                  remove columns. Reordering or sorting rows is fine.
                * Keep the file as CSV (UTF-8). In Excel, "Save As → CSV UTF-8" works; a
                  semicolon-separated file is also accepted.
                * Work on your own; do not compare answers with other annotators.
                """.formatted(exportId, itemsPerAnnotatorMax, r, e, r, e);
    }

    public static void write(Path file, String exportId, int itemsPerAnnotatorMax) {
        AtomicFiles.writeString(file, text(exportId, itemsPerAnnotatorMax));
    }
}
