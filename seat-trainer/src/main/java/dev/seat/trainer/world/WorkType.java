package dev.seat.trainer.world;

import java.util.List;

/** The kinds of creative work the world's known people are known for, with the words that go with each. */
public enum WorkType {
    NOVEL("novel", "novelist", "author", "wrote", "written by", "published",
            List.of("mystery", "historical", "science fiction", "romance", "adventure", "fantasy")),
    FILM("film", "film director", "director", "directed", "directed by", "released",
            List.of("drama", "comedy", "thriller", "documentary", "western", "musical")),
    PLAY("play", "playwright", "author", "wrote", "written by", "first staged",
            List.of("tragedy", "comedy", "satirical", "historical")),
    ALBUM("album", "composer", "composer", "composed", "composed by", "released",
            List.of("jazz", "folk", "classical", "electronic", "choral")),
    POETRY("poetry collection", "poet", "author", "wrote", "written by", "published",
            List.of("lyric", "pastoral", "epic", "experimental")),
    PAINTING("painting", "painter", "painter", "painted", "painted by", "completed",
            List.of("landscape", "portrait", "still life", "abstract"));

    /** "novel" */
    public final String noun;
    /** the profession of its makers, "novelist" */
    public final String profession;
    /** the role of its maker, "author" */
    public final String creatorRole;
    /** "wrote" */
    public final String madeVerb;
    /** "written by" */
    public final String madeBy;
    /** "published" */
    public final String released;
    /** genres a work of this type can have */
    public final List<String> genres;

    WorkType(String noun, String profession, String creatorRole, String madeVerb, String madeBy,
             String released, List<String> genres) {
        this.noun = noun;
        this.profession = profession;
        this.creatorRole = creatorRole;
        this.madeVerb = madeVerb;
        this.madeBy = madeBy;
        this.released = released;
        this.genres = genres;
    }
}
