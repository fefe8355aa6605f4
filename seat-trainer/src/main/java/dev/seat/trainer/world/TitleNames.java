package dev.seat.trainer.world;

import java.util.List;
import java.util.Random;

/** Titles for fictional books, films, plays, albums and paintings ("The Silent Harbor"). */
final class TitleNames {
    private static final List<String> ADJECTIVES = List.of(
            "Silent", "Broken", "Hidden", "Golden", "Last", "Distant", "Burning", "Quiet", "Forgotten",
            "Crimson", "Hollow", "Endless", "Velvet", "Frozen", "Wandering", "Bitter", "Secret",
            "Restless", "Pale", "Iron", "Glass", "Scarlet", "Lonely", "Winter", "Sunken", "Patient",
            "Northern", "Salt", "Midnight", "Paper");
    private static final List<String> NOUNS = List.of(
            "Harbor", "Orchard", "Lantern", "River", "Garden", "Mirror", "Bridge", "Compass", "Tide",
            "Meadow", "Archive", "Lighthouse", "Ferry", "Sparrow", "Clockmaker", "Tower", "Carnival",
            "Letter", "Valley", "Island", "Window", "Cathedral", "Shore", "Violin", "Map", "Season",
            "Horizon", "Feather", "Staircase", "Market", "Daughter", "Stranger", "Kingdom", "Ember");
    private static final List<String> PLURALS = List.of(
            "Rivers", "Bells", "Shadows", "Tides", "Embers", "Letters", "Orchards", "Lanterns",
            "Sparrows", "Islands", "Mirrors", "Voices", "Stones", "Winds", "Kingdoms");
    private static final List<String> PLACES = List.of(
            "the Delta", "the Coast", "the Old Quarter", "the Valley", "the North", "the Steppe",
            "the Lagoon", "the Mountains", "the Harbor", "the Marsh", "the Capital", "the Islands");

    private TitleNames() {}

    static String draw(Random rng) {
        return switch (rng.nextInt(6)) {
            case 0, 1 -> "The " + Draw.one(ADJECTIVES, rng) + " " + Draw.one(NOUNS, rng);
            case 2 -> "The " + Draw.one(NOUNS, rng) + " of " + Draw.one(PLACES, rng);
            case 3 -> Draw.one(ADJECTIVES, rng) + " " + Draw.one(PLURALS, rng);
            case 4 -> "A " + Draw.one(NOUNS, rng) + " for " + Draw.one(PLACES, rng);
            default -> Draw.one(PLURALS, rng) + " of " + Draw.one(PLACES, rng);
        };
    }
}
