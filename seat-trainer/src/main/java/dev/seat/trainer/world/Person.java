package dev.seat.trainer.world;

/** A known person of the world (a maker of one notable work). */
public record Person(String name, int birthYear, String birthplace, WorkType profession, String award) {}
