package dev.seat.humaneval.key;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Export ids and item ids. An export id is six characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L, U); an item id is {@code <export id>-<four or more digits>}, so a sheet of a
 * different export can be recognised from its ids alone.
 */
public final class ItemIds {
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private static final Pattern ITEM = Pattern.compile("([A-Z2-9]{6})-(\\d{4,})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ItemIds() {}

    public static String newExportId() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public static String itemId(String exportId, int number) {
        return exportId + "-" + String.format("%04d", number);
    }

    /** The export id part of a well-formed item id (case-insensitive), empty for anything else. */
    public static Optional<String> exportOf(String itemId) {
        if (itemId == null) {
            return Optional.empty();
        }
        Matcher m = ITEM.matcher(itemId.strip().toUpperCase(java.util.Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Item ids are compared without surrounding whitespace and case. */
    public static String canonical(String itemId) {
        return itemId == null ? "" : itemId.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
