package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.hub.FakeHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.ConfigurationParameters;

/** The gate's {@code checkpoint} and {@code baseline} parameters take Hub ids. */
class HubCheckpointParametersTest {
    static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;
    FakeHub fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeHub();
        fake.add("acme/tiny", COMMIT, FakeHub.tinyBaseFiles(), null);
        fake.asTheHub(tmp.resolve("hub"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Path snapshot() {
        return tmp.resolve("hub/models--acme--tiny/snapshots/" + COMMIT);
    }

    @Test
    void theGateTakesHubIdsForCheckpointAndBaseline() {
        SeatConfiguration config = new SeatConfiguration(parameters(Map.of("checkpoint", "acme/tiny", "baseline", "acme/gone")));

        assertThat(config.checkpoint()).isEqualTo(snapshot());
        assertThat(config.checkpoint()).isEqualTo(snapshot());
        assertThat(fake.requests("GET /api/")).hasSize(1);
        assertThatThrownBy(config::baseline)
                .isInstanceOf(SeatConfigurationException.class)
                .hasMessageContaining("baseline 'acme/gone' is no local folder, and as a Hub id: acme/gone: HTTP 401 Unauthorized")
                .hasMessageContaining("private, gated or does not exist");
        assertThat(new SeatConfiguration(parameters(Map.of("checkpoint", "models/tiny-base"))).checkpoint())
                .isEqualTo(RepoPaths.defaultCheckpoint());
    }

    @Test
    void theGatesDatasetParametersTakeHubFiles() throws IOException {
        fake.add("datasets/acme/qa", COMMIT, Map.of("unverifiable.jsonl", "{\"question\": \"q\"}\n".getBytes()), null);
        SeatConfiguration config = new SeatConfiguration(parameters(Map.of(
                "dataset.unverifiable", "hf://datasets/acme/qa/unverifiable.jsonl", "dataset.unseen", "hf://datasets/acme/qa/x.jsonl")));

        assertThat(config.dataset("unverifiable")).contains(
                tmp.resolve("hub/datasets--acme--qa/snapshots/" + COMMIT + "/unverifiable.jsonl"));
        assertThatThrownBy(() -> config.dataset("unseen"))
                .isInstanceOf(SeatConfigurationException.class)
                .hasMessageContaining("dataset.unseen 'hf://datasets/acme/qa/x.jsonl': ")
                .hasMessageContaining("has no file x.jsonl");
    }

    static ConfigurationParameters parameters(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
