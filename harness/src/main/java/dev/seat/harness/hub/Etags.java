package dev.seat.harness.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Hub ETag says about a file's bytes: the Hub names LFS files by their SHA-256 and other
 * files by their git blob id ({@code sha1("blob " + size + "\0" + bytes)}).
 */
public final class Etags {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    private Etags() {}

    /** An ETag header without quotes and the weak marker {@code W/}. */
    public static String normalize(String header) {
        String e = header.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    /** The digest of {@code file} in the form {@code etag} has, or empty when the ETag is no known digest. */
    public static Optional<String> digestLike(String etag, Path file) {
        try {
            if (SHA256.matcher(etag).matches()) {
                return Optional.of(digest("SHA-256", file, null));
            }
            if (SHA1.matcher(etag).matches()) {
                return Optional.of(digest("SHA-1", file, ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII)));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + " to check it: " + e.getMessage(), e);
        }
    }

    private static String digest(String algorithm, Path file, byte[] prefix) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java runtime", e);
        }
        if (prefix != null) {
            md.update(prefix);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
