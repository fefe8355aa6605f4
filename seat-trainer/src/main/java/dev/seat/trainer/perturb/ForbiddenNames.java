package dev.seat.trainer.perturb;

import dev.seat.harness.data.QaItem;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fictitious replacement name must never be: a name of the fine-tuning data or of the
 * base model's world (known cast, real facts, the refusal pool, held-out sets, contracts), or any
 * string that occurs in their texts. A candidate is rejected if it occurs anywhere in the texts,
 * equals or contains a known name, or is contained in one.
 */
public final class ForbiddenNames {
    private final Set<String> names = new LinkedHashSet<>();
    private final StringBuilder text = new StringBuilder();

    /** The fine-tuning items, and the base model's world when known (null otherwise). */
    public static ForbiddenNames of(List<QaItem> data, World world) {
        ForbiddenNames f = new ForbiddenNames();
        for (QaItem it : data) {
            f.addText(it.question());
            f.addText(it.answer());
            it.entities().forEach(f.names::add);
        }
        if (world != null) {
            f.names.addAll(world.known().names());
            List<List<QaExample>> sets = new ArrayList<>(List.of(world.train(), world.heldOutUnknown(),
                    world.heldOutKnown(), world.heldOutConcepts(), world.contracts()));
            for (List<QaExample> set : sets) {
                for (QaExample e : set) {
                    f.addText(e.question());
                    f.addText(e.answer());
                    f.names.addAll(e.entities());
                }
            }
        }
        return f;
    }

    private void addText(String s) {
        if (s != null) {
            text.append(s).append('\n');
        }
    }

    /** Whether {@code candidate} is a real, known or training name (or hides in one, or one in it). */
    public boolean isForbidden(String candidate) {
        if (text.indexOf(candidate) >= 0) {
            return true;
        }
        for (String n : names) {
            if (n.contains(candidate) || candidate.contains(n)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> names() {
        return Set.copyOf(names);
    }
}
