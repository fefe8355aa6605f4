package dev.seat.harness.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the Hub is and where its files are cached, read from the same environment variables
 * {@code huggingface_hub} reads, so both share one cache:
 * <ul>
 *   <li>cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub},
 *       else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};</li>
 *   <li>endpoint: {@code HF_ENDPOINT} (default {@code https://huggingface.co});</li>
 *   <li>token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN}, else the file
 *       {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code huggingface-cli login} writes;</li>
 *   <li>offline: {@code HF_HUB_OFFLINE=1} (also {@code true}, {@code yes}, {@code on}).</li>
 * </ul>
 */
public record HubSettings(URI endpoint, Path cacheDir, Optional<String> token, boolean offline) {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    public HubSettings {
        String e = endpoint.toString();
        endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
        cacheDir = cacheDir.toAbsolutePath().normalize();
    }

    static final List<String> VARIABLES = List.of("HF_HOME", "XDG_CACHE_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE",
            "HF_ENDPOINT", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_HUB_OFFLINE");

    /**
     * Settings from this process's environment; a Java system property of the same name (e.g.
     * {@code -DHF_HUB_OFFLINE=1}) overrides the environment variable.
     */
    public static HubSettings fromEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String key : VARIABLES) {
            String value = System.getProperty(key);
            if (value != null) {
                env.put(key, value);
            }
        }
        return fromEnvironment(env);
    }

    public static HubSettings fromEnvironment(Map<String, String> env) {
        Path hfHome = get(env, "HF_HOME").map(Path::of).orElseGet(() -> get(env, "XDG_CACHE_HOME").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache")).resolve("huggingface"));
        Path cache = get(env, "HF_HUB_CACHE").or(() -> get(env, "HUGGINGFACE_HUB_CACHE")).map(Path::of)
                .orElseGet(() -> hfHome.resolve("hub"));
        URI endpoint = URI.create(get(env, "HF_ENDPOINT").orElse(DEFAULT_ENDPOINT));
        Optional<String> token = get(env, "HF_TOKEN").or(() -> get(env, "HUGGING_FACE_HUB_TOKEN"))
                .or(() -> readToken(get(env, "HF_TOKEN_PATH").map(Path::of).orElseGet(() -> hfHome.resolve("token"))));
        boolean offline = get(env, "HF_HUB_OFFLINE").map(v -> TRUE.contains(v.toLowerCase(Locale.ROOT))).orElse(false);
        return new HubSettings(endpoint, cache, token, offline);
    }

    /** Shows whether a token is set, never the token. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cacheDir=" + cacheDir + ", token=" + (token.isPresent() ? "set" : "none")
                + ", offline=" + offline + "]";
    }

    public HubSettings withOffline(boolean value) {
        return new HubSettings(endpoint, cacheDir, token, value);
    }

    private static Optional<String> get(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> readToken(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Hugging Face token file " + file + ": " + e.getMessage(), e);
        }
    }
}
