package dev.seat.trainer.world;

/** A known company of the world. */
public record Company(String name, int founded, String headquarters, String ceo, String product) {}
