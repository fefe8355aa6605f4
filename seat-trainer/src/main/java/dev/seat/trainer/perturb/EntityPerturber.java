package dev.seat.trainer.perturb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Entity perturbation (EP): a copy of a prompt in which every whole-word occurrence of each
 * subject entity ("Ana" in "Ana's", not in "Anatolia") is replaced by a fresh fictitious name of the same {@link EntityKind}. Names come from the
 * world's generators, are checked against {@link ForbiddenNames}, and differ from each other
 * within one copy. Copy {@code c} of item {@code i} is drawn from its own seeded stream, so it does
 * not depend on which other items or copies are made.
 */
public final class EntityPerturber {
    private static final int MAX_TRIES = 1_000;

    /**
     * One perturbed prompt.
     *
     * @param question the prompt with every entity replaced
     * @param replacements original entity → its fictitious replacement
     */
    public record Perturbed(String question, Map<String, String> replacements) {}

    private final ForbiddenNames forbidden;
    private final long seed;

    public EntityPerturber(ForbiddenNames forbidden, long seed) {
        this.forbidden = forbidden;
        this.seed = seed;
    }

    /** Copy {@code copy} of item {@code item}: {@code question} with {@code entities} replaced. */
    public Perturbed perturb(String question, List<String> entities, int item, int copy) {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + item * 1_000_003L + copy);
        Map<String, String> replacements = new LinkedHashMap<>();
        List<String> ordered = new ArrayList<>(entities.stream().distinct().toList());
        ordered.sort(Comparator.comparingInt(String::length).reversed()); // longer names first: "Ana Lima" before "Ana"
        for (String entity : ordered) {
            replacements.put(entity, freshName(EntityKind.of(entity), rng, replacements, ordered));
        }
        if (replacements.isEmpty()) {
            return new Perturbed(question, replacements);
        }
        // one pass over the question, so a replacement is never itself rewritten; whole words only
        Matcher m = WholeWords.anyOf(ordered).matcher(question);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacements.get(m.group())));
        }
        m.appendTail(out);
        return new Perturbed(out.toString(), replacements);
    }

    private String freshName(EntityKind kind, Random rng, Map<String, String> taken, List<String> originals) {
        for (int i = 0; i < MAX_TRIES; i++) {
            String candidate = kind.fictitious(rng);
            boolean clash = taken.values().stream().anyMatch(t -> t.contains(candidate) || candidate.contains(t))
                    || originals.stream().anyMatch(o -> o.contains(candidate) || candidate.contains(o));
            if (!clash && !forbidden.isForbidden(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No fresh " + kind + " name after " + MAX_TRIES + " tries");
    }
}
