package dev.seat.trainer.world;

/** English indefinite articles. */
final class Articles {
    private Articles() {}

    /** "a novelist", "an experimental" (by the first letter; enough for the world's vocabulary). */
    static String a(String phrase) {
        char first = Character.toLowerCase(phrase.charAt(0));
        return ("aeiou".indexOf(first) >= 0 ? "an " : "a ") + phrase;
    }
}
