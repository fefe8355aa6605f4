package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible person names from many cultures: a first and a last name drawn from the same
 * culture's lists in {@code person-names.txt}.
 */
final class PersonNames {
    private record Culture(String name, List<String> first, List<String> last) {}

    private static final List<Culture> CULTURES = load();

    private PersonNames() {}

    static String draw(Random rng) {
        Culture culture = Draw.one(CULTURES, rng);
        return Draw.one(culture.first(), rng) + " " + Draw.one(culture.last(), rng);
    }

    /** How many cultures the lists cover. */
    static int cultures() {
        return CULTURES.size();
    }

    private static List<Culture> load() {
        List<Culture> cultures = new ArrayList<>();
        for (String line : TextResources.lines("person-names.txt")) {
            String[] parts = line.split("\\s*\\|\\s*");
            if (parts.length != 3) {
                throw new IllegalStateException("person-names.txt: expected 'culture | first | last': " + line);
            }
            cultures.add(new Culture(parts[0], words(parts[1]), words(parts[2])));
        }
        return List.copyOf(cultures);
    }

    private static List<String> words(String list) {
        return List.of(list.strip().split("\\s+")).stream().map(w -> w.replace('_', ' ')).toList();
    }
}
