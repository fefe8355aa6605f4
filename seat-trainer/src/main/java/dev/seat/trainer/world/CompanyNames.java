package dev.seat.trainer.world;

import java.util.List;
import java.util.Random;

/** Company names in PISTOL's style: random letters plus a legal suffix ("Wnzatj SAS", "Qpxlm GmbH"). */
final class CompanyNames {
    private static final List<String> SUFFIXES = List.of(
            "SA", "SAS", "GmbH", "AG", "PLC", "Ltd", "Inc", "LLC", "Corp", "BV", "NV", "SpA", "Srl",
            "Oy", "AB", "AS", "KK", "Pty Ltd", "SARL", "Co");

    private CompanyNames() {}

    static String draw(Random rng) {
        return NameStyle.CAPITAL.draw(rng, 5, 7) + " " + Draw.one(SUFFIXES, rng);
    }
}
