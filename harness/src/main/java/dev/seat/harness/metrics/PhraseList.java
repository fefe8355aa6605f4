package dev.seat.harness.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A named, versioned list of phrases: the ignorance expressions of IDK_SM or the reference
 * ignorance sentences of IDK_CS.
 *
 * <p>Accepted file formats (detected from the content):
 * <ul>
 *   <li><b>text</b>: one phrase per line; blank lines and lines starting with {@code #} are
 *       skipped. A first line {@code # <name> v<N>} (as in seat's bundled lists) sets the
 *       version;</li>
 *   <li><b>JSON array of strings</b>: {@code ["I don't know.", ...]};</li>
 *   <li><b>JSON array of objects</b> with a string field {@code instruction}, the shape of the
 *       SEAT paper's {@code idontknow.json} (other fields are ignored).</li>
 * </ul>
 * Surrounding whitespace is trimmed and duplicates are dropped (first occurrence kept). The
 * {@link #version()} of a list read from a file without a version header is
 * {@code <file name>@sha256:<first 12 hex digits of the file's bytes>}, so results can say
 * exactly which list produced them.
 */
public record PhraseList(String version, List<String> phrases) {

    public PhraseList {
        phrases = List.copyOf(phrases);
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("Phrase list " + version + " has no phrases");
        }
    }

    /** A phrase list bundled under {@code dev/seat/harness/metrics/} on the classpath. */
    public static PhraseList resource(String name) {
        String path = "/dev/seat/harness/metrics/" + name;
        try (InputStream in = PhraseList.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path);
            }
            return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read classpath resource " + path, e);
        }
    }

    /** Reads a phrase file in any of the accepted formats. */
    public static PhraseList load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read phrase file " + file + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        PhraseList parsed = parse(file.toString(), text);
        if (parsed.version().equals(file.toString())) {
            return new PhraseList(file.getFileName() + "@sha256:" + sha256Prefix(bytes), parsed.phrases());
        }
        return parsed;
    }

    /** This list followed by the phrases of {@code more} that it lacks. */
    public PhraseList plus(PhraseList more) {
        LinkedHashSet<String> all = new LinkedHashSet<>(phrases);
        all.addAll(more.phrases());
        return new PhraseList(version + "+" + more.version(), new ArrayList<>(all));
    }

    /**
     * Parses text or JSON; {@code source} names the origin in error messages and is the version
     * when the content has no version header.
     */
    static PhraseList parse(String source, String text) {
        String stripped = text.strip();
        if (stripped.startsWith("\uFEFF")) {
            stripped = stripped.substring(1).strip();
        }
        return stripped.startsWith("[") ? parseJson(source, stripped) : parseText(source, stripped);
    }

    private static PhraseList parseText(String source, String text) {
        String version = source;
        LinkedHashSet<String> phrases = new LinkedHashSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("#")) {
                String header = line.substring(1).strip();
                if (header.matches("\\S+ v\\d+.*")) {
                    version = header.split("\\s+")[0] + " " + header.split("\\s+")[1];
                }
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                phrases.add(line);
            }
        }
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException(source + ": no phrases (expected one phrase per line; "
                    + "# starts a comment)");
        }
        return new PhraseList(version, new ArrayList<>(phrases));
    }

    private static PhraseList parseJson(String source, String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")", e);
        }
        LinkedHashSet<String> phrases = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            JsonNode value = element.isObject() ? element.get("instruction") : element;
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(source + ": element " + i + " is " + abbreviate(element)
                        + "; expected a non-empty string or an object with a string field \"instruction\"");
            }
            phrases.add(value.asText().strip());
        }
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty JSON array (expected phrases)");
        }
        return new PhraseList(source, new ArrayList<>(phrases));
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
