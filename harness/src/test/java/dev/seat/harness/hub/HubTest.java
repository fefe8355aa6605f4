package dev.seat.harness.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Hub} against {@link FakeHub} serving the embedded models/tiny-base as {@code acme/tiny}. */
class HubTest {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;
    FakeHub fake;
    Map<String, byte[]> files;

    @BeforeEach
    void serveTinyBase() throws IOException {
        fake = new FakeHub();
        files = FakeHub.tinyBaseFiles();
        fake.add("acme/tiny", COMMIT, files, null);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Hub hub(Optional<String> token, boolean offline) {
        return new Hub(new HubSettings(fake.endpoint(), tmp.resolve("hub"), token, offline));
    }

    Hub hub() {
        return hub(Optional.empty(), false);
    }

    Path repoDir() {
        return tmp.resolve("hub/models--acme--tiny");
    }

    @Test
    void downloadsOnlyWhatACheckpointNeedsIntoTheHuggingFaceLayout() throws IOException {
        Path snap = hub().checkpoint("acme/tiny");

        assertThat(snap).isEqualTo(repoDir().resolve("snapshots/" + COMMIT));
        try (Stream<Path> list = Files.list(snap)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                    "generation_config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
                    "tokenizer_config.json", "training_config.json");
        }
        String sha = FakeHub.sha256(files.get("model.safetensors"));
        assertThat(Files.readSymbolicLink(snap.resolve("model.safetensors"))).isEqualTo(Path.of("../../blobs/" + sha));
        assertThat(Files.readSymbolicLink(snap.resolve("config.json")))
                .isEqualTo(Path.of("../../blobs/" + FakeHub.gitSha1(files.get("config.json"))));
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(COMMIT);
        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(files.get("model.safetensors"));
        assertThat(fake.requests).noneMatch(r -> r.contains(".bin") || r.contains("onnx") || r.contains("README"));
        try (Checkpoint fromHub = Checkpoint.load(snap); Checkpoint local = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            assertThat(fromHub.fingerprint()).isEqualTo(local.fingerprint());
            assertThat(fromHub.name()).isEqualTo("acme--tiny"); // result folders are named by the repository
            assertThat(local.name()).isEqualTo("tiny-base");
        }
    }

    @Test
    void aSecondRunAndAnOfflineRunUseTheCacheWithoutDownloading() {
        Path first = hub().checkpoint("acme/tiny@main");
        fake.requests.clear();

        assertThat(hub().checkpoint("acme/tiny")).isEqualTo(first);
        assertThat(fake.requests).containsExactly("GET /api/models/acme/tiny/revision/main");

        fake.requests.clear();
        assertThat(hub(Optional.empty(), true).checkpoint("acme/tiny")).isEqualTo(first);
        assertThat(hub(Optional.empty(), true).checkpoint("acme/tiny@" + COMMIT)).isEqualTo(first);
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void blobsAlreadyInTheCacheAreLinkedNotDownloaded() throws IOException {
        // as Python leaves them: a blob named by its sha256, here without any snapshot yet
        byte[] weights = files.get("model.safetensors");
        Path blob = repoDir().resolve("blobs/" + FakeHub.sha256(weights));
        Files.createDirectories(blob.getParent());
        Files.write(blob, weights);

        Path snap = hub().checkpoint("acme/tiny");

        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(fake.requests("GET /store/" + FakeHub.sha256(weights))).isEmpty();
    }

    @Test
    void offlineWithoutTheModelCachedSaysWhatToDo() {
        assertThatThrownBy(() -> hub(Optional.empty(), true).checkpoint("acme/tiny@v2"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("acme/tiny@v2 is not in the Hugging Face cache " + tmp.resolve("hub"))
                .hasMessageContaining("HF_HUB_OFFLINE=1")
                .hasMessageContaining("./seat pull acme/tiny --revision v2");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void aConnectionCutMidFileIsContinuedWithARangeRequest() throws IOException {
        fake.cutsLeft.set(1);
        byte[] weights = files.get("model.safetensors");

        Path snap = hub().checkpoint("acme/tiny");

        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        List<String> store = fake.requests("GET /store/" + FakeHub.sha256(weights));
        assertThat(store).hasSize(2);
        // the fake sends half the file before it cuts; the client continues from what reached it,
        // which a reset connection may leave short of that half
        assertThat(store.get(1)).matches(".* bytes=\\d+-");
        long from = Long.parseLong(store.get(1).replaceAll(".* bytes=(\\d+)-", "$1"));
        assertThat(from).isPositive().isLessThanOrEqualTo(weights.length / 2);
    }

    @Test
    void aDownloadThatKeepsFailingLeavesNothingUnderTheFinalNameAndTheNextRunContinuesIt() throws IOException {
        fake.cutsLeft.set(100);
        byte[] weights = files.get("model.safetensors");
        String sha = FakeHub.sha256(weights);

        assertThatThrownBy(() -> hub().checkpoint("acme/tiny"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("downloading model.safetensors")
                .hasMessageContaining("the next run continues it");
        assertThat(repoDir().resolve("blobs/" + sha)).doesNotExist();
        assertThat(repoDir().resolve("snapshots/" + COMMIT + "/model.safetensors")).doesNotExist();
        long partial = Files.size(repoDir().resolve("blobs/" + sha + ".incomplete"));
        assertThat(partial).isBetween(1L, weights.length - 1L);

        fake.cutsLeft.set(0);
        fake.requests.clear();
        Path snap = hub().checkpoint("acme/tiny");

        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(fake.requests("GET /store/" + sha)).containsExactly("GET /store/" + sha + " bytes=" + partial + "-");
        assertThat(repoDir().resolve("blobs/" + sha + ".incomplete")).doesNotExist();
    }

    @Test
    void bytesThatDoNotMatchTheEtagAreRefusedAndDeleted() {
        fake.corrupt = true;
        String sha = FakeHub.sha256(files.get("model.safetensors"));

        assertThatThrownBy(() -> hub().checkpoint("acme/tiny"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("Downloaded model.safetensors of acme/tiny@main hashes to ")
                .hasMessageContaining("the Hub's ETag is " + sha)
                .hasMessageContaining("nothing was kept");
        assertThat(repoDir().resolve("blobs/" + sha)).doesNotExist();
        assertThat(repoDir().resolve("blobs/" + sha + ".incomplete")).doesNotExist();
        assertThat(repoDir().resolve("snapshots/" + COMMIT + "/model.safetensors")).doesNotExist();
        assertThat(repoDir().resolve("refs/main")).doesNotExist();
    }

    @Test
    void gatedModelsSayHowToGetAccess() {
        fake.add("meta/gated", COMMIT, files, "hf_right");

        assertThatThrownBy(() -> hub().checkpoint("meta/gated"))
                .hasMessageContaining("meta/gated is gated (HTTP 401")
                .hasMessageContaining("accept its conditions")
                .hasMessageContaining("set HF_TOKEN to a read token from " + fake.endpoint() + "/settings/tokens");
        assertThatThrownBy(() -> hub(Optional.of("hf_wrong"), false).checkpoint("meta/gated"))
                .hasMessageContaining("meta/gated is gated (HTTP 403")
                .hasMessageContaining("check that your token (HF_TOKEN) belongs to that account");

        Path snap = hub(Optional.of("hf_right"), false).checkpoint("meta/gated");
        assertThat(snap.resolve("model.safetensors")).exists();
        assertThat(fake.requests("GET /api/models/meta/gated")).last().asString().endsWith(" auth");
    }

    @Test
    void missingRepositoriesRevisionsAndFilesAreNamed() {
        assertThatThrownBy(() -> hub(Optional.of("hf_x"), false).checkpoint("acme/nothing"))
                .hasMessageContaining("Repository acme/nothing (model) not found at " + fake.endpoint());
        assertThatThrownBy(() -> hub().checkpoint("acme/tiny@v9"))
                .hasMessageContaining("Revision 'v9' not found in acme/tiny");
        HubClient client = new HubClient(new HubSettings(fake.endpoint(), tmp, Optional.empty(), false));
        assertThatThrownBy(() -> client.head(HubId.model("acme/tiny"), COMMIT, "nope.json"))
                .hasMessageContaining("File nope.json of acme/tiny@main not found");
    }

    @Test
    void aRenamedRepositoryIsFollowed() {
        fake.renamed.put("old/tiny", "acme/tiny");

        Path snap = hub().checkpoint("old/tiny");

        assertThat(snap).isEqualTo(tmp.resolve("hub/models--old--tiny/snapshots/" + COMMIT));
        assertThat(snap.resolve("model.safetensors")).exists();
    }

    @Test
    void repositoriesWithoutSafetensorsAreRefusedBeforeAnyDownload() {
        fake.add("acme/pickled", COMMIT, Map.of("config.json", files.get("config.json"),
                "pytorch_model.bin", new byte[20_000]), null);

        assertThatThrownBy(() -> hub().checkpoint("acme/pickled"))
                .hasMessageContaining("has no *.safetensors weights")
                .hasMessageContaining("seat reads safetensors only");
        assertThat(fake.requests).containsExactly("GET /api/models/acme/pickled/revision/main");
    }

    @Test
    void anExistingLocalFolderWinsOverAHubId() throws IOException {
        Path local = Path.of("hub-test-local/tiny");
        Files.createDirectories(local);
        try {
            assertThat(hub().checkpoint("hub-test-local/tiny")).isEqualTo(local);
            assertThat(hub().checkpoint(tmp.toString())).isEqualTo(tmp);
            assertThat(fake.requests).isEmpty();
        } finally {
            Files.delete(local);
            Files.delete(local.getParent());
        }
    }

    @Test
    void unreachableHubFallsBackToTheCacheOrSaysHowToWorkOffline() {
        Path first = hub().checkpoint("acme/tiny");
        fake.close();

        assertThat(hub().checkpoint("acme/tiny")).isEqualTo(first);
        assertThatThrownBy(() -> hub().checkpoint("acme/other"))
                .hasMessageContaining("Could not reach the Hugging Face Hub at " + fake.endpoint())
                .hasMessageContaining("set HF_HUB_OFFLINE=1");
    }

    @Test
    void settingsComeFromTheSameVariablesAsPython() throws IOException {
        Files.writeString(tmp.resolve("token"), "hf_fromfile\n", StandardCharsets.UTF_8);
        HubSettings s = HubSettings.fromEnvironment(Map.of("HF_HOME", tmp.toString(), "HF_HUB_OFFLINE", "1",
                "HF_ENDPOINT", "http://mirror.local/"));
        assertThat(s.cacheDir()).isEqualTo(tmp.resolve("hub"));
        assertThat(s.token()).contains("hf_fromfile");
        assertThat(s.offline()).isTrue();
        assertThat(s.endpoint()).hasToString("http://mirror.local");

        HubSettings t = HubSettings.fromEnvironment(Map.of("HF_HOME", tmp.toString(), "HF_HUB_CACHE", "/x/cache",
                "HF_TOKEN", "hf_env", "HF_HUB_OFFLINE", "0"));
        assertThat(t.cacheDir()).isEqualTo(Path.of("/x/cache"));
        assertThat(t.token()).contains("hf_env");
        assertThat(t.toString()).contains("token=set").doesNotContain("hf_env");
        assertThat(t.offline()).isFalse();
        assertThat(t.endpoint()).hasToString("https://huggingface.co");
    }

    @Test
    void etagsAreCheckedAsGitBlobIdsOrSha256() throws IOException {
        Path f = tmp.resolve("hello");
        Files.writeString(f, "hello\n");
        assertThat(Etags.digestLike("ce013625030ba8dba906f756967f9e9ca394464a", f))
                .contains("ce013625030ba8dba906f756967f9e9ca394464a"); // git hash-object
        assertThat(Etags.digestLike("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", f))
                .contains("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"); // sha256sum
        assertThat(Etags.digestLike("abc-123", f)).isEmpty();
        assertThat(Etags.normalize("W/\"abc\"")).isEqualTo("abc");
    }

    @Test
    void aHubFileUriFetchesThatFileOnly() throws IOException {
        fake.add("datasets/acme/qa", COMMIT, Map.of("data/forget.json", "[{\"question\": \"q\"}]".getBytes(StandardCharsets.UTF_8),
                "data/retain.json", "[]".getBytes(StandardCharsets.UTF_8)), null);

        Path file = hub().dataFile("hf://datasets/acme/qa@main/data/forget.json");

        assertThat(file).isEqualTo(tmp.resolve("hub/datasets--acme--qa/snapshots/" + COMMIT + "/data/forget.json"));
        assertThat(Files.readString(file)).isEqualTo("[{\"question\": \"q\"}]");
        assertThat(fake.requests).noneMatch(r -> r.contains("retain"));
        assertThat(hub().dataFile("local/file.json")).isEqualTo(Path.of("local/file.json"));
        assertThatThrownBy(() -> hub().dataFile("hf://datasets/acme/qa/data/nope.json"))
                .hasMessageContaining("acme/qa@main (dataset) has no file data/nope.json");
        assertThatThrownBy(() -> hub().dataFile("hf://datasets/acme/qa"))
                .hasMessageContaining("names no file; expected hf://datasets/ORG/NAME[@REVISION]/PATH");
        assertThat(HubFile.parse("hf://datasets/a/b@refs%2Fconvert%2Fparquet/x/y.parquet"))
                .isEqualTo(new HubFile(new HubId(RepoType.DATASET, "a/b", "refs/convert/parquet"), "x/y.parquet"));
    }

    @Test
    void hubIdsParse() {
        HubId id = HubId.parse("Qwen/Qwen2.5-0.5B-Instruct@v1.0", RepoType.MODEL, null);
        assertThat(id.repo()).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
        assertThat(id.revision()).isEqualTo("v1.0");
        assertThat(id.cacheFolderName()).isEqualTo("models--Qwen--Qwen2.5-0.5B-Instruct");
        assertThat(HubId.parse("allenai/ai2_arc", RepoType.DATASET, "refs/convert/parquet").cacheFolderName())
                .isEqualTo("datasets--allenai--ai2_arc");
        assertThat(HubId.looksLikeId("models/tiny-base")).isTrue();
        assertThat(HubId.looksLikeId("./models/tiny-base")).isFalse();
        assertThat(HubId.looksLikeId("/abs/path")).isFalse();
        assertThat(HubId.looksLikeId("a/b/c")).isFalse();
        assertThat(HubId.looksLikeId("../x")).isFalse();
    }
}
