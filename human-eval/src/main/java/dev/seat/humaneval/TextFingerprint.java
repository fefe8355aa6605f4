package dev.seat.humaneval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a question or response as it appears in a sheet, used to notice edited text.
 *
 * <p>Before hashing, line endings are unified to {@code \n} and leading/trailing whitespace of
 * the whole text is removed: spreadsheet programs change both without anyone editing the text.
 * Any other change (a word, a character, inner whitespace) changes the fingerprint.
 */
public final class TextFingerprint {
    private TextFingerprint() {}

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    public static String of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(normalize(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static boolean matches(String text, String fingerprint) {
        return of(text).equals(fingerprint);
    }
}
