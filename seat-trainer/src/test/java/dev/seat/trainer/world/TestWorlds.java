package dev.seat.trainer.world;

/** Worlds shared by the tests (generating one takes well under a second, but most tests read the same one). */
public final class TestWorlds {
    /** The default-size world of seed 7. */
    public static final World SEED_7 = World.generate(7);

    private TestWorlds() {}

    /** Questions and answers of a set, one per line. */
    public static String text(java.util.List<QaExample> examples) {
        StringBuilder sb = new StringBuilder();
        examples.forEach(e -> sb.append(e.question()).append('\n').append(e.answer()).append('\n'));
        return sb.toString();
    }
}
