package dev.seat.trainer.world;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.eval.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded world's evaluation questions as {@link QuestionSet}s, so the model card, the
 * collapse check and the experiments ask them through the one evaluation path. Each item's id is
 * {@code <topic>#<n>} ({@code unknown.people#3}), so answers can be grouped by kind.
 */
public final class WorldQuestionSets {
    private WorldQuestionSets() {}

    /** Fresh unknown entities of every kind (the answer is a reference refusal). */
    public static QuestionSet unknownEntities(World world) {
        return set("world-unknown-entities", world.heldOutUnknown());
    }

    /** Fresh fictitious concepts. */
    public static QuestionSet fictitiousConcepts(World world) {
        return set("world-fictitious-concepts", world.heldOutConcepts());
    }

    /** Known facts in a train wording never used for that fact ({@link World#heldOutKnownPairs()}). */
    public static QuestionSet knownNewPairings(World world) {
        return set("world-known-new-pairings", world.heldOutKnownPairs());
    }

    /** Known facts in a wording never in the corpus ({@link World#heldOutKnown()}). */
    public static QuestionSet knownHeldOutPhrasings(World world) {
        return set("world-known-heldout-phrasings", world.heldOutKnown());
    }

    /** The topic of a world question's answer, e.g. {@code unknown.people}; the question id's prefix. */
    public static String topic(Response r) {
        int hash = r.id().lastIndexOf('#');
        return hash < 0 ? r.id() : r.id().substring(0, hash);
    }

    private static QuestionSet set(String name, List<QaExample> examples) {
        List<QaItem> items = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            QaExample e = examples.get(i);
            items.add(new QaItem(e.topic() + "#" + i, e.question(), e.answer(), e.entities()));
        }
        return QuestionSet.of(name, "embedded world", items);
    }
}
