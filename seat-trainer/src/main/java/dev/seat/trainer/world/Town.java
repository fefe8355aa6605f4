package dev.seat.trainer.world;

/** A fictional town the world knows about. */
public record Town(String name, String country, int founded, String knownFor) {}
