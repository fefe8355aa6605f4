package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, in buffers allocated once per
 * generation: per layer [B, kvHeads, capacity, headDim], of which the first {@link #length()}
 * positions are filled. Each step writes its keys and values in place and attends over a view
 * of the filled part, so nothing already cached is copied again. A buffer that runs out of room
 * is replaced by one twice as large.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final long initialCapacity;
    private long length;

    /** A cache that starts with room for 64 positions and grows as needed. */
    public KvCache(NDManager parent, int layers) {
        this(parent, layers, 64);
    }

    /** @param capacity positions to allocate room for at the first step (prompt plus new tokens) */
    public KvCache(NDManager parent, int layers, long capacity) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.initialCapacity = Math.max(1, capacity);
    }

    /** Number of cached positions (S). */
    public long length() {
        return length;
    }

    /**
     * Writes this step's k, v ([B, kvHeads, T, d]) after the cached positions of {@code layer} and
     * returns views of all of them, [B, kvHeads, S+T, d], which belong to {@code pass}. Call
     * {@link #advance} once every layer has appended.
     */
    NDArray[] append(int layer, NDArray k, NDArray v, NDManager pass) {
        long t = k.getShape().get(2);
        long end = length + t;
        keys[layer] = room(keys[layer], k, end);
        values[layer] = room(values[layer], v, end);
        NDIndex written = new NDIndex(":, :, {}:{}", length, end);
        keys[layer].set(written, k);
        values[layer].set(written, v);
        NDIndex filled = new NDIndex(":, :, :{}", end);
        NDArray kView = keys[layer].get(filled);
        NDArray vView = values[layer].get(filled);
        kView.attach(pass);
        vView.attach(pass);
        return new NDArray[] {kView, vView};
    }

    /** Counts the {@code t} positions every layer has just appended. */
    void advance(long t) {
        length += t;
    }

    /** {@code buffer} if it holds {@code end} positions, else a larger one with the filled part copied over. */
    private NDArray room(NDArray buffer, NDArray like, long end) {
        if (buffer != null && buffer.getShape().get(2) >= end) {
            return buffer;
        }
        Shape s = like.getShape();
        long capacity = Math.max(end, buffer == null ? initialCapacity : 2 * buffer.getShape().get(2));
        NDArray grown = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), like.getDataType());
        if (buffer != null && length > 0) {
            NDIndex filled = new NDIndex(":, :, :{}", length);
            try (NDArray old = buffer.get(filled)) {
                grown.set(filled, old);
            }
        }
        if (buffer != null) {
            buffer.close();
        }
        return grown;
    }

    /** Arrays this cache holds (2 per layer once filled); anything more is a leak. */
    int arrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
