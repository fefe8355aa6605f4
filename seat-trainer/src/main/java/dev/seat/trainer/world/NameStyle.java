package dev.seat.trainer.world;

import java.util.Locale;
import java.util.Random;

/** How a made-up random-letter name is written. */
public enum NameStyle {
    /** All capitals, like LUNAR's fictional countries ("SWYIOWL"). */
    CAPS,
    /** All lower case, like LUNAR's imaginary sports ("dqnqjveizc"). */
    LOWER,
    /** Capitalised, like PISTOL's companies ("Wnzatj"). */
    CAPITAL;

    /** A name of uniformly random letters, {@code min} to {@code max} long, in this style. */
    public String draw(Random rng, int min, int max) {
        int length = Draw.between(rng, min, max);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + rng.nextInt(26)));
        }
        String lower = sb.toString();
        return switch (this) {
            case CAPS -> lower.toUpperCase(Locale.ROOT);
            case LOWER -> lower;
            case CAPITAL -> Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        };
    }
}
