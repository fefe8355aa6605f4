package dev.seat.harness.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file, read through a memory map so files of any size work (DJL's own
 * decoder reads into a single {@code byte[]} and stops at 2 GB).
 *
 * <p>Layout: u64 little-endian header length N, N bytes of JSON header ({@code name → {dtype,
 * shape, data_offsets: [begin, end]}} with offsets relative to the data start, plus an optional
 * {@code __metadata__}), then the raw little-endian row-major data. The header is validated
 * completely when the file is opened, so a damaged file fails before any tensor is created.
 */
public final class SafeTensorsFile implements AutoCloseable {
    /** Header sizes above this are treated as corruption rather than allocated. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    /** One JSON value, nothing after it, no duplicate keys. */
    private static final ObjectReader HEADER_READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** One tensor's header entry; {@code begin}/{@code end} are absolute file offsets. */
    public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
        public long numel() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        public String shapeString() {
            return Arrays.toString(shape);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensorsFile(Path file, FileChannel channel, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code file}; throws {@link CheckpointException} naming the problem. */
    public static SafeTensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException("Cannot open safetensors file " + file + ": " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(file + ": truncated safetensors file: " + size
                        + " bytes, expected at least 8 (the header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            checkHeaderLength(file, headerLen, size);
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(channel, header, 8);
            long dataStart = 8 + headerLen;
            JsonNode root = parseHeader(file, header.array());
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    readMetadata(file, e.getValue(), metadata);
                    continue;
                }
                tensors.put(e.getKey(), parseEntry(file, e.getKey(), e.getValue(), dataStart, size));
            }
            checkTiling(file, tensors.values(), dataStart, size);
            return new SafeTensorsFile(file, channel, Collections.unmodifiableMap(tensors), metadata);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CheckpointException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void checkHeaderLength(Path file, long headerLen, long size) {
        if (headerLen < 0 || headerLen > size - 8) { // below 0: a u64 above 2^63
            throw new CheckpointException(file + ": header length " + Long.toUnsignedString(headerLen)
                    + " is beyond the file size " + size + " (truncated or not a safetensors file)");
        }
        if (headerLen < 2) {
            throw new CheckpointException(file + ": header length " + headerLen
                    + " is too small: a safetensors header is a JSON object of at least 2 bytes (not a safetensors file?)");
        }
        if (headerLen > MAX_HEADER_BYTES) {
            throw new CheckpointException(file + ": header length " + headerLen + " bytes exceeds "
                    + MAX_HEADER_BYTES + " (not a safetensors file?)");
        }
    }

    /**
     * The header must be exactly one JSON object that starts at its first byte and ends at the
     * stated length, where only spaces (0x20) may pad it; duplicate keys are refused. A header
     * length a few bytes off therefore fails here or in {@link #checkTiling}.
     */
    private static JsonNode parseHeader(Path file, byte[] header) {
        int end = header.length;
        while (end > 0 && header[end - 1] == ' ') {
            end--;
        }
        if (header[0] != '{' || end == 0 || header[end - 1] != '}') {
            throw new CheckpointException(file + ": header is not valid JSON: its " + header.length + " bytes must hold one JSON object "
                    + "padded only with trailing spaces, but they start with " + describe(header[0])
                    + " and end with " + describe(end == 0 ? header[0] : header[end - 1])
                    + " (header length wrong, or not a safetensors file?)");
        }
        try {
            return HEADER_READER.readTree(new String(header, 0, end, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": header is not valid JSON (one object expected, "
                    + header.length + " bytes as stated by the length prefix): " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(byte b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw new CheckpointException(file + ": __metadata__ must be an object of strings, found " + node.getNodeType());
        }
        node.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw new CheckpointException(file + ": __metadata__ entry '" + m.getKey()
                        + "' must be a string, found " + m.getValue().getNodeType());
            }
            metadata.put(m.getKey(), m.getValue().asText());
        });
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataStart, long fileSize) {
        String where = file + ": tensor '" + name + "'";
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsets == null || !shapeNode.isArray()
                || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(where + ": header entry must have dtype, shape and data_offsets [begin, end], found " + node);
        }
        String dtypeName = dtypeNode.asText();
        DType dtype = DType.parse(dtypeName);
        if (dtype == null) {
            throw new CheckpointException(where + ": " + (DType.isKnownSafetensorsType(dtypeName)
                    ? "dtype " + dtypeName + " cannot be used as model weights"
                    : "unknown dtype '" + dtypeName + "'") + "; expected one of F32, F16, BF16, F64");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).isIntegralNumber() || !shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
                throw new CheckpointException(where + ": invalid shape " + shapeNode);
            }
            shape[i] = shapeNode.get(i).asLong();
        }
        long begin = offsetValue(offsets.get(0));
        long end = offsetValue(offsets.get(1));
        long dataSize = fileSize - dataStart;
        if (begin < 0 || end < begin || end > dataSize) {
            throw new CheckpointException(where + ": data_offsets [" + offsets.get(0) + ", " + offsets.get(1)
                    + "] out of range: the data section holds " + dataSize + " bytes (truncated file?)");
        }
        TensorInfo info = new TensorInfo(name, dtype, shape, dataStart + begin, dataStart + end);
        long expected;
        try {
            expected = Math.multiplyExact(info.numel(), dtype.bytes);
        } catch (ArithmeticException overflow) {
            throw new CheckpointException(where + ": shape " + info.shapeString() + " is too large to be stored");
        }
        if (end - begin != expected) {
            throw new CheckpointException(where + ": " + (end - begin) + " bytes of data, but dtype " + dtype
                    + " x shape " + info.shapeString() + " needs " + expected);
        }
        return info;
    }

    /** A data offset: a non-negative integer, or -1 for anything else (reported as out of range). */
    private static long offsetValue(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : -1;
    }

    /**
     * The tensors' byte ranges must cover the data section exactly, with no overlap and no hole:
     * the format requires it, and a wrong header length shows up here as a data section one to a
     * few bytes longer or shorter than the tensors.
     */
    private static void checkTiling(Path file, Iterable<TensorInfo> infos, long dataStart, long fileSize) {
        List<TensorInfo> sorted = new ArrayList<>();
        infos.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long covered = dataStart;
        String previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < covered) {
                throw new CheckpointException(file + ": tensors '" + previous + "' and '" + t.name()
                        + "' have overlapping data_offsets");
            }
            if (t.begin() > covered) {
                throw new CheckpointException(file + ": bytes [" + (covered - dataStart) + ", " + (t.begin() - dataStart)
                        + ") of the data section belong to no tensor (before tensor '" + t.name()
                        + "'); the format allows no holes");
            }
            covered = t.end();
            previous = t.name();
        }
        if (covered != fileSize) {
            throw new CheckpointException(file + ": the data section holds " + (fileSize - dataStart)
                    + " bytes but the tensors' data_offsets cover " + (covered - dataStart)
                    + (previous == null ? "" : " (last tensor '" + previous + "')")
                    + "; the header length or the file size is wrong");
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor's values converted to float32 (bf16 and f16 are widened exactly). */
    public float[] readFloats(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new CheckpointException(file + ": no tensor '" + name + "'");
        }
        long numel = info.numel();
        if (numel > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": tensor '" + name + "' has " + numel
                    + " elements, more than one Java array holds");
        }
        float[] out = new float[(int) numel];
        // Map in chunks below 2 GB; each chunk holds whole elements.
        long chunkElems = (1L << 30) / info.dtype().bytes;
        try {
            for (long start = 0; start < numel; start += chunkElems) {
                int n = (int) Math.min(chunkElems, numel - start);
                ByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY,
                        info.begin() + start * info.dtype().bytes, (long) n * info.dtype().bytes)
                        .order(ByteOrder.LITTLE_ENDIAN);
                if (info.dtype() == DType.F32) {
                    buf.asFloatBuffer().get(out, (int) start, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[(int) start + i] = info.dtype().read(buf, i);
                    }
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Non-finite values met while copying: how many, and the first one (its flat index in the
     * tensor, -1 when none).
     */
    public record NonFinite(long count, long firstIndex, float firstValue) {
        static final NonFinite NONE = new NonFinite(0, -1, 0f);

        NonFinite plus(NonFinite later) {
            return count == 0 ? later : new NonFinite(count + later.count, firstIndex, firstValue);
        }
    }

    /**
     * Copies elements {@code [first, first + dst.remaining() / 4)} of tensor {@code name}, converted
     * to float32 in {@code dst}'s byte order, into {@code dst} from its position on. The file is
     * read through {@code scratch} (a reusable buffer of a few MB), never mapped and never copied
     * whole: a tensor of any size costs the Java heap nothing but {@code scratch}, and file pages
     * do not count in this process's resident memory.
     *
     * @return the non-finite values met (index relative to the tensor's first element)
     */
    public NonFinite readFloat32(String name, long first, ByteBuffer dst, ByteBuffer scratch) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new CheckpointException(file + ": no tensor '" + name + "'");
        }
        DType dtype = info.dtype();
        long count = dst.remaining() / 4;
        if (first < 0 || first + count > info.numel()) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' " + info.shapeString() + " has "
                    + info.numel() + " elements; cannot read [" + first + ", " + (first + count) + ")");
        }
        int perChunk = scratch.capacity() / dtype.bytes;
        if (perChunk == 0) {
            throw new IllegalArgumentException("scratch buffer of " + scratch.capacity() + " bytes holds no " + dtype + " element");
        }
        NonFinite bad = NonFinite.NONE;
        try {
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(perChunk, count - done);
                scratch.clear().limit(n * dtype.bytes);
                readFully(channel, scratch, info.begin() + (first + done) * dtype.bytes);
                scratch.flip();
                ByteBuffer src = scratch.order(ByteOrder.LITTLE_ENDIAN);
                int badCount = 0;
                int firstBad = -1;
                int at = dst.position();
                for (int i = 0; i < n; i++) {
                    float v = dtype.read(src, i);
                    if (!Float.isFinite(v) && badCount++ == 0) {
                        firstBad = i;
                    }
                    dst.putFloat(at + 4 * i, v);
                }
                dst.position(at + 4 * n);
                if (badCount > 0) {
                    bad = bad.plus(new NonFinite(badCount, first + done + firstBad, dtype.read(src, firstBad)));
                }
                done += n;
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        return bad;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
