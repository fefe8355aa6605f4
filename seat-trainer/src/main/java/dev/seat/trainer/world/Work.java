package dev.seat.trainer.world;

/** A known book, film, play, album or painting of the world, made by a known person. */
public record Work(String title, WorkType type, String creator, int year, String genre) {
    /** The title as questions and answers write it, in double quotes. */
    public String quoted() {
        return "\"" + title + "\"";
    }
}
