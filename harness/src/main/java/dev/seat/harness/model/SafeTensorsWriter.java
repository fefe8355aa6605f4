package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes float tensors as safetensors: one file, or shards of at most {@code maxShardBytes} plus
 * {@code model.safetensors.index.json} (the layout {@code transformers} writes and reads).
 */
public final class SafeTensorsWriter {
    private SafeTensorsWriter() {}

    /** Writes {@code tensors} (in order) into {@code dir} as {@code dtype} (F32, F16 or BF16). */
    public static void write(Path dir, Map<String, NDArray> tensors, DType dtype, long maxShardBytes) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, NDArray>> shards = new ArrayList<>();
        Map<String, NDArray> current = new LinkedHashMap<>();
        long bytes = 0;
        for (var e : tensors.entrySet()) {
            long size = e.getValue().size() * dtype.bytes;
            if (!current.isEmpty() && bytes + size > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                bytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            bytes += size;
        }
        shards.add(current);
        if (shards.size() == 1) {
            writeFile(dir.resolve(WeightFiles.SINGLE), shards.get(0), dtype);
            return;
        }
        ObjectNode index = Json.object();
        index.putObject("metadata").put("total_size", tensors.values().stream().mapToLong(a -> a.size() * dtype.bytes).sum());
        ObjectNode map = index.putObject("weight_map");
        for (int s = 0; s < shards.size(); s++) {
            String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards.size());
            writeFile(dir.resolve(name), shards.get(s), dtype);
            for (String t : shards.get(s).keySet()) {
                map.put(t, name);
            }
        }
        Json.write(dir.resolve(WeightFiles.INDEX), index);
    }

    static void writeFile(Path file, Map<String, NDArray> tensors, DType dtype) throws IOException {
        ObjectNode header = Json.object();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype.name());
            var shape = t.putArray("shape");
            for (long d : e.getValue().getShape().getShape()) {
                shape.add(d);
            }
            long size = e.getValue().size() * dtype.bytes;
            t.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = Json.compact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // align the data start to 8 bytes, padding with spaces
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (NDArray a : tensors.values()) {
                NDArray f32 = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
                float[] values = f32.toFloatArray();
                if (f32 != a) {
                    f32.close(); // a half-precision model must not grow by a float32 copy of every tensor
                }
                ByteBuffer buf = ByteBuffer.allocate(values.length * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    switch (dtype) {
                        case F32 -> buf.putFloat(v);
                        case BF16 -> buf.putShort(DType.floatToBf16(v));
                        case F16 -> buf.putShort(DType.floatToHalf(v));
                        case F64 -> buf.putDouble(v);
                    }
                }
                out.write(buf.array());
            }
        }
    }
}
