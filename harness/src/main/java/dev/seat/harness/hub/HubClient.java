package dev.seat.harness.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seat.harness.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Hub's HTTP interface, as {@code huggingface_hub} uses it: the revision API for a commit and
 * its file list, {@code HEAD .../resolve/COMMIT/FILE} for a file's ETag and size, and ranged
 * {@code GET}s for its bytes. Redirects are followed by hand: a relative one (a renamed
 * repository) keeps the token, an absolute one (the LFS file store) does not get it.
 */
public final class HubClient {
    private static final int MAX_REDIRECTS = 5;
    private static final int DOWNLOAD_ATTEMPTS = 5;
    private static final Duration META_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSettings settings;
    private final HttpClient http;

    public HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A revision's commit and the files it holds. */
    public record RepoInfo(String commit, List<String> files) {}

    /**
     * What {@code HEAD} says about one file.
     *
     * @param etag the file's ETag (the LFS sha256 for large files)
     * @param size its length in bytes
     * @param downloadUrl where its bytes are (the LFS store for large files)
     */
    public record FileMetadata(String etag, long size, URI downloadUrl) {}

    public RepoInfo info(HubId id) {
        URI uri = URI.create(settings.endpoint() + "/api/" + id.type().plural() + "/" + id.repo() + "/revision/"
                + URLEncoder.encode(id.revision(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = send(id, null, "GET", uri, HttpResponse.BodyHandlers.ofByteArray());
        try {
            JsonNode node = JSON.readTree(r.body());
            String sha = node.path("sha").asText("");
            if (sha.isEmpty()) {
                throw new HubException(id + ": the Hub's answer from " + uri + " has no \"sha\" (commit)");
            }
            List<String> files = new ArrayList<>();
            node.path("siblings").forEach(s -> files.add(s.path("rfilename").asText()));
            return new RepoInfo(sha, files);
        } catch (IOException e) {
            throw new HubException(id + ": the Hub's answer from " + uri + " is not JSON: " + e.getMessage(), e);
        }
    }

    public FileMetadata head(HubId id, String commit, String file) {
        URI uri = fileUrl(id, commit, file);
        HttpResponse<Void> r = send(id, file, "HEAD", uri, HttpResponse.BodyHandlers.discarding());
        HttpHeaders h = r.headers();
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(Etags::normalize)
                .orElseThrow(() -> new HubException(id + ": no ETag for " + file + " from " + r.uri()
                        + "; is HF_ENDPOINT (" + settings.endpoint() + ") a Hugging Face Hub?"));
        long size = h.firstValueAsLong("X-Linked-Size").orElse(h.firstValueAsLong("Content-Length").orElse(-1));
        if (size < 0) {
            throw new HubException(id + ": no size for " + file + " from " + r.uri());
        }
        URI download = isRedirect(r.statusCode()) ? r.uri().resolve(h.firstValue("Location").orElseThrow()) : r.uri();
        return new FileMetadata(etag, size, download);
    }

    /**
     * Fetches {@code meta}'s bytes into {@code partial}, continuing from its length (a {@code Range}
     * request) and again after a cut connection, until it holds {@code meta.size()} bytes.
     */
    public void download(HubId id, String file, FileMetadata meta, Path partial) {
        IOException last = null;
        for (int attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
            try {
                if (fetchRest(id, file, meta, partial)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new HubException(id + ": downloading " + file + " from " + meta.downloadUrl() + " failed " + DOWNLOAD_ATTEMPTS
                + " times" + (last == null ? "" : " (last: " + last + ")") + "; the partial file " + partial
                + " is kept and the next run continues it", last);
    }

    /** One request for the missing bytes; true when {@code partial} is complete. */
    private boolean fetchRest(HubId id, String file, FileMetadata meta, Path partial) throws IOException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (have == meta.size()) {
            return true;
        }
        if (have > meta.size()) {
            Files.delete(partial);
            have = 0;
        }
        HttpRequest.Builder b = request(meta.downloadUrl()).GET().header("Accept-Encoding", "identity");
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = sendFollowing(id, file, b, meta.downloadUrl(), HttpResponse.BodyHandlers.ofInputStream());
        boolean append = r.statusCode() == 206;
        long done = append ? have : 0;
        Progress progress = Progress.start("download " + id.repo() + "/" + file, meta.size(), "bytes");
        progress.advance(done);
        try (InputStream in = r.body();
                OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                progress.advance(n);
            }
        } finally {
            progress.done();
        }
        return done == meta.size();
    }

    private URI fileUrl(HubId id, String commit, String file) {
        StringBuilder path = new StringBuilder();
        for (String part : file.split("/")) {
            path.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(settings.endpoint() + "/" + id.type().urlPrefix() + id.repo() + "/resolve/" + commit + path);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", "seat/0.1; java");
        if (settings.token().isPresent() && settings.endpoint().getAuthority().equals(uri.getAuthority())) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    /** Sends a metadata request, following relative redirects; an absolute redirect is returned as it is. */
    private <T> HttpResponse<T> send(HubId id, String file, String method, URI uri, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder b = request(uri).method(method, HttpRequest.BodyPublishers.noBody()).timeout(META_TIMEOUT)
                .header("Accept-Encoding", "identity");
        try {
            return sendFollowing(id, file, b, uri, body);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private <T> HttpResponse<T> sendFollowing(HubId id, String file, HttpRequest.Builder b, URI uri,
            HttpResponse.BodyHandler<T> body) throws IOException {
        HttpResponse<T> r;
        for (int hop = 0; ; hop++) {
            try {
                r = http.send(b.uri(uri).build(), body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException(id + ": interrupted while talking to " + uri, e);
            }
            Optional<String> location = r.headers().firstValue("Location");
            boolean follow = isRedirect(r.statusCode()) && location.isPresent()
                    && (location.get().startsWith("/") || "GET".equals(r.request().method()));
            if (!follow || hop >= MAX_REDIRECTS) {
                break;
            }
            URI next = uri.resolve(location.get());
            if (!next.getAuthority().equals(uri.getAuthority())) {
                b = withoutToken(r.request(), next);
            }
            uri = next;
        }
        int status = r.statusCode();
        if (status >= 400 || (status >= 300 && !isRedirect(status))) {
            throw failure(id, file, status, r.headers(), uri);
        }
        return r;
    }

    /** The same request to another host, which must not see the Hub token. */
    private static HttpRequest.Builder withoutToken(HttpRequest request, URI to) {
        HttpRequest.Builder b = HttpRequest.newBuilder(to).method(request.method(), HttpRequest.BodyPublishers.noBody());
        request.timeout().ifPresent(b::timeout);
        request.headers().map().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Authorization")) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        return b;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private HubException unreachable(IOException e) {
        return new HubException("Could not reach the Hugging Face Hub at " + settings.endpoint() + " (" + e
                + "). Without network, set HF_HUB_OFFLINE=1 to use only the cache at " + settings.cacheDir()
                + ", or pass a local folder.", e);
    }

    private HubException failure(HubId id, String file, int status, HttpHeaders h, URI uri) {
        String page = settings.endpoint() + "/" + id.type().urlPrefix() + id.repo();
        String code = h.firstValue("X-Error-Code").orElse("");
        String tokens = settings.endpoint() + "/settings/tokens";
        String what = file == null ? id.toString() : file + " of " + id;
        if (status == 401 || status == 403) {
            if ("GatedRepo".equals(code) || status == 403) {
                return new HubException(id.repo() + " is gated (HTTP " + status + " for " + uri + "): open " + page
                        + " while logged in and accept its conditions, then "
                        + (settings.token().isPresent() ? "check that your token (HF_TOKEN) belongs to that account"
                                : "set HF_TOKEN to a read token from " + tokens));
            }
            return new HubException(id.repo() + ": HTTP 401 Unauthorized for " + uri + ". The repository is private, gated "
                    + "or does not exist; " + (settings.token().isPresent() ? "the token in HF_TOKEN was refused"
                            : "set HF_TOKEN to a read token from " + tokens) + " and, for a gated model, accept its "
                    + "conditions at " + page);
        }
        if (status == 404) {
            return new HubException(switch (code) {
                case "RevisionNotFound" -> "Revision '" + id.revision() + "' not found in " + id.repo() + " (" + page + ")";
                case "EntryNotFound" -> "File " + what + " not found (" + uri + ")";
                default -> file != null && !"RepoNotFound".equals(code) ? "File " + what + " not found (HTTP 404 for " + uri + ")"
                        : "Repository " + id.repo() + " (" + id.type() + ") not found at " + settings.endpoint()
                                + "; check the id" + (id.type() == RepoType.MODEL ? " (a dataset needs --repo-type dataset)" : "");
            });
        }
        return new HubException(what + ": HTTP " + status + " from " + uri);
    }
}
