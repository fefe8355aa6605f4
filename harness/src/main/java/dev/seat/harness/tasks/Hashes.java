package dev.seat.harness.tasks;

import dev.seat.harness.results.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The hashes written with results. */
public final class Hashes {
    private Hashes() {}

    /** Hex sha256 of the UTF-8 text (lm-eval's {@code hash_string}). */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** sha256 of the compact JSON array of a task's prompts in document order. */
    public static String prompts(List<String> contexts) {
        return sha256(Json.compact(contexts));
    }
}
