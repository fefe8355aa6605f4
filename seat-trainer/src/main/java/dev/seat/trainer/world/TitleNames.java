package dev.seat.trainer.world;

import java.util.List;
import java.util.Random;

/** Titles for fictional books, films, plays, albums and paintings ("The Silent Harbor"). */
final class TitleNames {
    private static final List<String> ADJECTIVES = List.of(
            "Silent", "Broken", "Hidden", "Golden", "Last", "Distant", "Burning", "Quiet", "Forgotten",
            "Crimson", "Hollow", "Endless", "Velvet", "Frozen", "Wandering", "Bitter", "Secret",
            "Restless", "Pale", "Iron", "Glass", "Scarlet", "Lonely", "Winter", "Sunken", "Patient",
            "Northern", "Salt", "Midnight", "Paper", "Amber", "Ashen", "Blue", "Bright", "Copper", "Crooked",
            "Dark", "Drowned", "Empty", "Faded", "Fallen", "Gentle", "Gray", "Green", "Hungry", "Invisible",
            "Jade", "Long", "Lost", "Marble", "Narrow", "Painted", "Radiant", "Rusted", "Sacred", "Shattered",
            "Silver", "Sleeping", "Small", "Stolen", "Strange", "Summer", "Thin", "Twin", "Violet", "Weeping",
            "White", "Wild", "Wooden", "Autumn", "Borrowed", "Drifting");
    private static final List<String> NOUNS = List.of(
            "Harbor", "Orchard", "Lantern", "River", "Garden", "Mirror", "Bridge", "Compass", "Tide",
            "Meadow", "Archive", "Lighthouse", "Ferry", "Sparrow", "Clockmaker", "Tower", "Carnival",
            "Letter", "Valley", "Island", "Window", "Cathedral", "Shore", "Violin", "Map", "Season",
            "Horizon", "Feather", "Staircase", "Market", "Daughter", "Stranger", "Kingdom", "Ember", "Anchor",
            "Apprentice", "Balcony", "Beacon", "Cellar", "Chapel", "Circus", "Cottage", "Courtyard", "Crown",
            "Dancer", "Desert", "Diary", "Door", "Engine", "Forest", "Fountain", "Gardener", "Glacier", "Hunter",
            "Inn", "Journey", "Key", "Ladder", "Library", "Locket", "Mill", "Monastery", "Needle", "Observatory",
            "Painter", "Passenger", "Piano", "Pilgrim", "Quarry", "Railway", "Sailor", "Scholar", "Shepherd",
            "Signal", "Summit", "Tailor", "Telescope", "Theatre", "Vineyard", "Voyage", "Watchman", "Well",
            "Widow", "Workshop");
    private static final List<String> PLURALS = List.of(
            "Rivers", "Bells", "Shadows", "Tides", "Embers", "Letters", "Orchards", "Lanterns",
            "Sparrows", "Islands", "Mirrors", "Voices", "Stones", "Winds", "Kingdoms", "Anchors", "Bridges",
            "Candles", "Crowns", "Doors", "Feathers", "Fields", "Flames", "Gardens", "Keys", "Ladders", "Maps",
            "Meadows", "Mountains", "Oceans", "Rooftops", "Roses", "Seasons", "Ships", "Songs", "Stars",
            "Towers", "Waters", "Windows", "Wolves");
    private static final List<String> PLACES = List.of(
            "the Delta", "the Coast", "the Old Quarter", "the Valley", "the North", "the Steppe",
            "the Lagoon", "the Mountains", "the Harbor", "the Marsh", "the Capital", "the Islands",
            "the Frontier", "the Bay", "the Plains", "the Canyon", "the Fjord", "the Highlands", "the Forest",
            "the Desert", "the Border", "the South", "the East", "the West", "the Estuary", "the Archipelago",
            "the Riverbank", "the Lowlands", "the Borderlands", "the Old Town");

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
