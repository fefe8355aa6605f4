package dev.seat.harness.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A short content hash of a checkpoint folder, the key of every response cache. */
public final class CheckpointFingerprint {
    /**
     * Files besides the weights that change what the model answers. Model cards, scores and
     * training logs are left out, so writing them does not invalidate cached answers.
     */
    static final java.util.Set<String> BEHAVIOUR_FILES = java.util.Set.of("config.json", "generation_config.json",
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "tokenizer.model",
            "model.safetensors.index.json");

    private CheckpointFingerprint() {}

    /**
     * SHA-256 (first 16 hex digits) of config, tokenizer and generation files and weights. Weights up to 512 MB are
     * hashed whole; larger ones by their headers, sizes and 256 evenly spaced 64 KB samples.
     */
    public static String of(Path dir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> {
                            String n = p.getFileName().toString();
                            return n.endsWith(".safetensors") || BEHAVIOUR_FILES.contains(n);
                        })
                        .sorted()
                        .toList();
            }
            long total = 0;
            for (Path p : files) {
                total += Files.size(p);
            }
            boolean whole = total <= (512L << 20);
            for (Path p : files) {
                sha.update(p.getFileName().toString().getBytes());
                if (whole || !p.toString().endsWith(".safetensors")) {
                    try (InputStream in = Files.newInputStream(p)) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            sha.update(buf, 0, n);
                        }
                    }
                } else {
                    sampleInto(sha, p);
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fingerprint " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sampleInto(MessageDigest sha, Path p) throws IOException {
        try (var ch = FileChannel.open(p)) {
            long size = ch.size();
            sha.update(Long.toString(size).getBytes());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < 256; i++) {
                buf.clear();
                ch.read(buf, i == 0 ? 0 : size / 256 * i);
                buf.flip();
                sha.update(buf);
            }
        }
    }

}
