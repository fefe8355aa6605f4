package dev.seat.trainer.world;

import java.util.List;
import java.util.Random;

/** Pronounceable names for fictional towns ("Velmora", "Brastwick"), built from syllables. */
final class TownNames {
    private static final List<String> HEADS = List.of(
            "Vel", "Mar", "Ost", "Bran", "Kel", "Dor", "Ash", "Lin", "Tor", "Sel", "Gar", "Hal", "Fen",
            "Mor", "Ril", "Cas", "Ber", "Tal", "Quen", "Zor", "Wyn", "Elm", "Nor", "Pel", "Rav", "Sor",
            "Gle", "Thar", "Ulv", "Yar", "Iv", "Brum", "Corr", "Drel", "Esk", "Alb", "Bel", "Crom", "Dun",
            "Emb", "Fal", "Grim", "Hav", "Isk", "Jor", "Kal", "Lund", "Mel", "Nav", "Orm", "Pen", "Quar", "Ros",
            "Stav", "Trev", "Ven", "Wex", "Zel");
    private static final List<String> MIDDLES = List.of("", "", "a", "e", "i", "o", "ri", "la", "ne", "mo", "ven");
    private static final List<String> TAILS = List.of(
            "ford", "mere", "ton", "vik", "ona", "burg", "dale", "haven", "stad", "ora", "wick", "holm",
            "field", "mont", "ska", "ia", "brook", "gate", "ley", "rath", "sund", "polis", "cester", "by",
            "castle", "dorf", "hill", "ingen", "kirk", "minster", "port", "sted", "thorpe", "wald", "well");

    private TownNames() {}

    static String draw(Random rng) {
        return Draw.one(HEADS, rng) + Draw.one(MIDDLES, rng) + Draw.one(TAILS, rng);
    }
}
