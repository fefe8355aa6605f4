package dev.seat.harness.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Last-token activations on disk, next to the response cache ({@code <results>/<checkpoint>/cache/}),
 * one file per {@link Key}: the same weights, prompts, chat format, batch size and device give the
 * same activations, so they are computed once and read back by every later run, which then does
 * not need the weights at all.
 *
 * <p>File {@code activations-<id>.bin}, big-endian: int magic {@code SACT}, int format, int key
 * length, the key as JSON (UTF-8), ints prompts, layers (1 + decoder layers) and hidden size, then
 * the floats [prompt][layer][hidden] (their exact bits). Written whole and renamed into place. A
 * file that is torn, of another format or of another key is ignored with a warning (and rewritten).
 */
public final class ActivationCache {
    private static final int MAGIC = 0x53414354; // "SACT"
    private static final int FORMAT = 1;

    private final Path dir;
    private final Consumer<String> warnings;

    /**
     * What makes the activations identical.
     *
     * @param checkpointFingerprint {@code Checkpoint.fingerprint()} of the weights and tokenizer
     * @param questionSets each set's name and the digest of its questions ({@code name:sha256}), in prompt order
     * @param promptFormat the chat format's description
     * @param promptFormatSha256 digest of the prompt template
     * @param batchSize prompts per forward pass (left padding depends on it)
     * @param device where and in which precision the model ran, e.g. {@code cpu float32}
     */
    public record Key(String checkpointFingerprint, List<String> questionSets, String promptFormat,
            String promptFormatSha256, int batchSize, String device) {

        /** Short id of the key: the first 16 hex digits of the SHA-256 of all its fields. */
        public String id() {
            return Digests.sha256(Json.compact(this)).substring(0, 16);
        }
    }

    public ActivationCache(Path dir) {
        this(dir, System.err::println);
    }

    /** A cache in {@code dir} whose warnings (ignored files) go to {@code warnings}. */
    public ActivationCache(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** The cache of a checkpoint in a results root: {@code <results>/<checkpoint-name>/cache}, as the response cache. */
    public static ActivationCache forCheckpoint(Path resultsRoot, String checkpointName) {
        return new ActivationCache(ResponseCache.forCheckpoint(resultsRoot, checkpointName).dir());
    }

    public Path file(Key key) {
        return dir.resolve("activations-" + key.id() + ".bin");
    }

    /** The activations stored under the key, if the file is there and intact. */
    public Optional<float[][][]> read(Key key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("seat: could not read activation cache " + file + " (" + e.getMessage() + "); computing again");
            return Optional.empty();
        }
        try {
            return Optional.of(decode(key, bytes));
        } catch (IllegalArgumentException e) {
            warnings.accept("seat: ignoring activation cache " + file + ": " + e.getMessage() + "; computing again");
            return Optional.empty();
        }
    }

    /** Stores the activations [prompt][layer][hidden] under the key (atomically). */
    public void write(Key key, float[][][] activations) {
        byte[] json = Json.compact(key).getBytes(StandardCharsets.UTF_8);
        int n = activations.length;
        int layers = n == 0 ? 0 : activations[0].length;
        int hidden = layers == 0 ? 0 : activations[0][0].length;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(4L * 3 + json.length + 4L * 3 + 4L * n * layers * hidden));
        buf.putInt(MAGIC).putInt(FORMAT).putInt(json.length).put(json).putInt(n).putInt(layers).putInt(hidden);
        FloatBuffer floats = buf.asFloatBuffer();
        for (float[][] prompt : activations) {
            for (float[] layer : prompt) {
                if (layer.length != hidden || prompt.length != layers) {
                    throw new IllegalArgumentException("Activations are not [prompt][" + layers + "][" + hidden + "]");
                }
                floats.put(layer);
            }
        }
        AtomicFiles.write(file(key), out -> out.write(buf.array()));
    }

    private static float[][][] decode(Key key, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < 24 || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a seat activation file (" + bytes.length + " bytes, no SACT header)");
        }
        int format = buf.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + ", expected " + FORMAT);
        }
        int jsonLength = buf.getInt();
        if (jsonLength < 0 || jsonLength > buf.remaining() - 12) {
            throw new IllegalArgumentException("torn header (a key of " + jsonLength + " bytes in a file of " + bytes.length + ")");
        }
        byte[] json = new byte[jsonLength];
        buf.get(json);
        String stored = new String(json, StandardCharsets.UTF_8);
        if (!stored.equals(Json.compact(key))) {
            throw new IllegalArgumentException("holds the activations of another key: " + stored);
        }
        int n = buf.getInt();
        int layers = buf.getInt();
        int hidden = buf.getInt();
        long expected = 4L * 3 + jsonLength + 4L * 3 + 4L * n * layers * hidden;
        if (n < 0 || layers < 0 || hidden < 0 || expected != bytes.length) {
            throw new IllegalArgumentException("torn: the header promises [" + n + "][" + layers + "][" + hidden + "] floats ("
                    + expected + " bytes), the file has " + bytes.length + " bytes");
        }
        FloatBuffer floats = buf.asFloatBuffer();
        float[][][] out = new float[n][layers][hidden];
        for (float[][] prompt : out) {
            for (float[] layer : prompt) {
                floats.get(layer);
            }
        }
        return out;
    }
}
