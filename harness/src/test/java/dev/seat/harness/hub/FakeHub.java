package dev.seat.harness.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Hugging Face Hub, answering as huggingface.co does: the revision API,
 * {@code resolve} URLs (small files with a git-sha1 ETag, LFS files with a 302 to a file store
 * and {@code X-Linked-Etag}/{@code X-Linked-Size}), ranged GETs, 401/403 for gated repositories,
 * 404s with {@code X-Error-Code}, and 307s for renamed repositories. Faults can be injected:
 * connections cut mid-file and bytes changed on the way.
 */
public final class FakeHub implements AutoCloseable {
    static final long LFS_THRESHOLD = 10_000;

    record Repo(String commit, Map<String, byte[]> files, String gatedToken) {}

    public final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, Repo> repos = new ConcurrentHashMap<>();
    /** Renamed model repositories: old {@code org/name} to new. */
    final Map<String, String> renamed = new ConcurrentHashMap<>();
    /** Store GETs still to cut after half the bytes (one per count). */
    final AtomicInteger cutsLeft = new AtomicInteger();
    /** Store GETs that flip a byte of what they send. */
    volatile boolean corrupt;
    private final Map<String, byte[]> store = new ConcurrentHashMap<>();
    private final HttpServer server;

    public FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds {@code org/name} (a model, or a dataset when the key starts with {@code datasets/}). */
    public void add(String key, String commit, Map<String, byte[]> files, String gatedToken) {
        repos.put(key, new Repo(commit, new LinkedHashMap<>(files), gatedToken));
        files.values().forEach(b -> store.put(sha256(b), b));
    }

    /** Adds a branch other than main (e.g. {@code refs/convert/parquet}) of {@code key}, with its own commit and files. */
    public void addBranch(String key, String branch, String commit, Map<String, byte[]> files) {
        repos.put(key + "@" + branch, new Repo(commit, new LinkedHashMap<>(files), null));
        files.values().forEach(b -> store.put(sha256(b), b));
    }

    /** The main repository of {@code key}, or its branch whose commit is {@code commit}. */
    private Repo atCommit(String key, Repo main, String commit) {
        return repos.entrySet().stream().filter(e -> e.getKey().startsWith(key + "@") && e.getValue().commit().equals(commit))
                .map(Map.Entry::getValue).findFirst().orElse(main);
    }

    public List<String> requests(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    /** The embedded models/tiny-base's files, plus a {@code pytorch_model.bin} and an {@code onnx/} file no checkpoint needs. */
    public static Map<String, byte[]> tinyBaseFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(dev.seat.harness.RepoPaths.defaultCheckpoint())) {
            for (java.nio.file.Path p : list.sorted().toList()) {
                files.put(p.getFileName().toString(), java.nio.file.Files.readAllBytes(p));
            }
        }
        files.put("pytorch_model.bin", new byte[20_000]);
        files.put("onnx/model.onnx", new byte[20_000]);
        return files;
    }

    public static String sha256(byte[] b) {
        return hex("SHA-256", new byte[0], b);
    }

    static String gitSha1(byte[] b) {
        return hex("SHA-1", ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII), b);
    }

    private static String hex(String algorithm, byte[] prefix, byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(prefix);
            return HexFormat.of().formatHex(md.digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range) + (auth == null ? "" : " auth"));
        try (ex) {
            if (path.startsWith("/store/")) {
                serveStore(ex, path.substring("/store/".length()), range);
                return;
            }
            if (path.startsWith("/api/")) {
                serveApi(ex, path.substring("/api/".length()), auth);
                return;
            }
            serveResolve(ex, path.substring(1), auth);
        }
    }

    /** {@code models/org/name/revision/REV} or {@code datasets/org/name/revision/REV}. */
    private void serveApi(HttpExchange ex, String rest, String auth) throws IOException {
        String[] p = rest.split("/", 5);
        String key = (p[0].equals("datasets") ? "datasets/" : "") + p[1] + "/" + p[2];
        if (renamed.containsKey(key)) {
            String to = renamed.get(key);
            ex.getResponseHeaders().add("Location", "/api/models/" + renamed.get(key) + "/revision/" + p[4]);
            send(ex, 307, new byte[0]);
            return;
        }
        Repo repo = repoOrFail(ex, key, auth);
        if (repo == null) {
            return;
        }
        String rev = java.net.URLDecoder.decode(p[4], StandardCharsets.UTF_8);
        if (repos.containsKey(key + "@" + rev)) {
            repo = repos.get(key + "@" + rev);
        } else if (!rev.equals("main") && !rev.equals(repo.commit())) {
            fail(ex, 404, "RevisionNotFound");
            return;
        }
        StringBuilder json = new StringBuilder("{\"sha\":\"" + repo.commit() + "\",\"siblings\":[");
        List<String> names = new ArrayList<>(repo.files().keySet());
        for (int i = 0; i < names.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"rfilename\":\"").append(names.get(i)).append("\"}");
        }
        send(ex, 200, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code [datasets/]org/name/resolve/COMMIT/FILE}. */
    private void serveResolve(HttpExchange ex, String rest, String auth) throws IOException {
        boolean dataset = rest.startsWith("datasets/");
        String[] p = (dataset ? rest.substring("datasets/".length()) : rest).split("/", 5);
        String key = (dataset ? "datasets/" : "") + p[0] + "/" + p[1];
        if (renamed.containsKey(key)) {
            ex.getResponseHeaders().add("Location", "/" + rest.replace(key, renamed.get(key)));
            send(ex, 307, new byte[0]);
            return;
        }
        Repo repo = repoOrFail(ex, key, auth);
        if (repo == null) {
            return;
        }
        repo = atCommit(key, repo, p[3]);
        byte[] body = repo.files().get(java.net.URLDecoder.decode(p[4], StandardCharsets.UTF_8));
        if (!p[3].equals(repo.commit()) && !p[3].equals("main") || body == null) {
            fail(ex, 404, "EntryNotFound");
            return;
        }
        ex.getResponseHeaders().add("X-Repo-Commit", repo.commit());
        if (body.length >= LFS_THRESHOLD) {
            ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256(body) + "\"");
            ex.getResponseHeaders().add("X-Linked-Size", Long.toString(body.length));
            ex.getResponseHeaders().add("ETag", "W/\"not-the-lfs-etag\"");
            ex.getResponseHeaders().add("Location", endpoint() + "/store/" + sha256(body));
            send(ex, 302, new byte[0]);
            return;
        }
        ex.getResponseHeaders().add("ETag", "\"" + gitSha1(body) + "\"");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Long.toString(body.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        send(ex, 200, body);
    }

    private void serveStore(HttpExchange ex, String sha, String range) throws IOException {
        byte[] body = store.get(sha);
        if (body == null) {
            send(ex, 404, new byte[0]);
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        byte[] part = java.util.Arrays.copyOfRange(body, from, body.length);
        if (corrupt) {
            part[part.length / 2] ^= 1;
        }
        if (range != null) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, part.length);
        OutputStream out = ex.getResponseBody();
        if (cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.write(part, 0, part.length / 2);
            out.flush();
            // closing short of Content-Length drops the connection
            throw new IOException("cut on purpose");
        }
        out.write(part);
    }

    private Repo repoOrFail(HttpExchange ex, String key, String auth) throws IOException {
        Repo repo = repos.get(key);
        if (repo == null) {
            fail(ex, auth == null ? 401 : 404, "RepoNotFound");
            return null;
        }
        if (repo.gatedToken() != null && auth == null) {
            fail(ex, 401, "GatedRepo");
            return null;
        }
        if (repo.gatedToken() != null && !auth.equals("Bearer " + repo.gatedToken())) {
            fail(ex, 403, "GatedRepo");
            return null;
        }
        return repo;
    }

    private static void fail(HttpExchange ex, int status, String code) throws IOException {
        ex.getResponseHeaders().add("X-Error-Code", code);
        send(ex, status, ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("HEAD") || body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /**
     * Makes this server the Hub the code under test sees: {@code HF_ENDPOINT} and {@code HF_HUB_CACHE}
     * as system properties (read before the environment); {@link #close} clears them with
     * {@code HF_HUB_OFFLINE}.
     */
    public FakeHub asTheHub(Path cache) {
        System.setProperty("HF_ENDPOINT", endpoint().toString());
        System.setProperty("HF_HUB_CACHE", cache.toString());
        return this;
    }

    @Override
    public void close() {
        for (String v : new String[] {"HF_ENDPOINT", "HF_HUB_CACHE", "HF_HUB_OFFLINE"}) {
            System.clearProperty(v);
        }
        server.stop(0);
    }
}
