package dev.stylefleet.train.vgg;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three sources of the weights file, for real: files on disk, and a download over HTTP from a local
 * server (com.sun.net.httpserver) that serves a generated Keras file, verified into a cache by the
 * configured SHA-256, else by the configured MD5 (by default Keras' documented one, which a generated file
 * never has).
 */
class Vgg16WeightsSourceTest {

    @TempDir
    Path dir;

    Path served;
    Path cache;
    String servedSha256;
    String servedMd5;
    Vgg16Weights servedWeights;
    HttpServer server;
    URI url;
    final AtomicInteger requests = new AtomicInteger();

    record Config(Optional<Path> weightsPath, Path cacheDir, boolean downloadEnabled, URI downloadUrl,
                  Optional<String> sha256, String md5, Duration downloadTimeout, Duration connectTimeout)
            implements Vgg16Config {}

    @BeforeEach
    void serveAGeneratedFile() throws IOException {
        served = dir.resolve("served.h5");
        servedWeights = KerasVgg16File.write(served, 5);
        servedSha256 = Vgg16WeightsSource.sha256(served, new ArrayList<>());
        servedMd5 = ExpectedDigest.digest(ExpectedDigest.MD5, served, new ArrayList<>());
        cache = dir.resolve("cache");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/keras/" + Vgg16WeightsSource.FILE_NAME, exchange -> {
            requests.incrementAndGet();
            byte[] body = Files.readAllBytes(served);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keras/" + Vgg16WeightsSource.FILE_NAME);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** With the default MD5 (Keras' documented one). */
    Config config(Optional<Path> local, boolean download, URI from, Optional<String> sha) {
        return config(local, download, from, sha, Vgg16WeightsSource.KERAS_MD5);
    }

    Config config(Optional<Path> local, boolean download, URI from, Optional<String> sha, String md5) {
        return new Config(local, cache, download, from, sha, md5, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** The configured SHA-256 takes precedence: the default MD5 (which the generated file does not have) is not checked. */
    @Test
    void downloadsOnceIntoTheCacheVerifiedThenLoadsFromTheCacheWithTheServerGone() {
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.of(servedSha256)));

        Vgg16Weights first = source.load();

        Path cached = cache.resolve(Vgg16WeightsSource.FILE_NAME);
        assertThat(requests).hasValue(1);
        assertThat(cached).exists();
        assertThat(Vgg16WeightsSource.sha256(cached, new ArrayList<>())).isEqualTo(servedSha256);
        assertThat(first.layer("block4_conv3").kernel()).containsExactly(servedWeights.layer("block4_conv3").kernel());
        assertThat(partialFiles()).isZero();

        server.stop(0);
        Vgg16Weights second = source.load();

        assertThat(requests).hasValue(1);
        assertThat(second.layer("block1_conv1").bias()).containsExactly(servedWeights.layer("block1_conv1").bias());
    }

    @Test
    void aDownloadWithTheWrongHashIsRejectedAndNotCached() {
        String wrong = "0".repeat(64);
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.of(wrong)));

        assertThatThrownBy(source::load)
                .isInstanceOfSatisfying(LossNetworkUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("LOSS_NETWORK_UNAVAILABLE"))
                .hasMessageContaining("has SHA-256 " + servedSha256 + ", expected SHA-256 " + wrong)
                .hasMessageContaining("stylefleet.train.vgg16.weights-path")
                .hasMessageContaining("stylefleet.train.vgg16.sha256");
        assertThat(requests).hasValue(1);
        assertThat(cache.resolve(Vgg16WeightsSource.FILE_NAME)).doesNotExist();
        assertThat(partialFiles()).isZero();
    }

    @Test
    void aCachedFileThatNoLongerMatchesTheHashIsDownloadedAgain() throws IOException {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve(Vgg16WeightsSource.FILE_NAME), "corrupted");
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.of(servedSha256)));

        source.load();

        assertThat(requests).hasValue(1);
        assertThat(Vgg16WeightsSource.sha256(cache.resolve(Vgg16WeightsSource.FILE_NAME), new ArrayList<>()))
                .isEqualTo(servedSha256);
    }

    @Test
    void theConfiguredLocalPathWinsAndNothingIsDownloaded() {
        Path local = dir.resolve("local.h5");
        Vgg16Weights localWeights = KerasVgg16File.write(local, 99);
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.of(local), true, url, Optional.of(servedSha256)));

        Vgg16Weights loaded = source.load();

        assertThat(requests).hasValue(0);
        assertThat(loaded.layer("block2_conv2").kernel()).containsExactly(localWeights.layer("block2_conv2").kernel());
    }

    @Test
    void withoutASha256TheDownloadIsVerifiedByTheConfiguredMd5() {
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.empty(), servedMd5));

        Vgg16Weights first = source.load();

        Path cached = cache.resolve(Vgg16WeightsSource.FILE_NAME);
        assertThat(requests).hasValue(1);
        assertThat(ExpectedDigest.digest(ExpectedDigest.MD5, cached, new ArrayList<>())).isEqualTo(servedMd5);
        assertThat(first.layer("block3_conv3").kernel()).containsExactly(servedWeights.layer("block3_conv3").kernel());
        assertThat(partialFiles()).isZero();

        // The cached file is checked against the MD5 too, and found good: no second download.
        server.stop(0);
        source.load();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDownloadThatDoesNotMatchTheConfiguredMd5IsRejectedAndNotCached() {
        String wrong = "f".repeat(32);
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.empty(), wrong));

        assertThatThrownBy(source::resolve)
                .isInstanceOfSatisfying(LossNetworkUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(LossNetworkUnavailableException.CODE))
                .hasMessageContaining("has MD5 " + servedMd5 + ", expected MD5 " + wrong
                        + " (stylefleet.train.vgg16.md5); it was discarded");
        assertThat(requests).hasValue(1);
        assertThat(cache.resolve(Vgg16WeightsSource.FILE_NAME)).doesNotExist();
        assertThat(partialFiles()).isZero();
    }

    /** What a user gets from a mirror (or a proxy) serving some other file: a clear refusal, nothing cached. */
    @Test
    void byDefaultTheDownloadMustHaveKerasDocumentedMd5() {
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.empty()));

        assertThatThrownBy(source::load)
                .isInstanceOfSatisfying(LossNetworkUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("LOSS_NETWORK_UNAVAILABLE"))
                .hasMessageContaining("stylefleet.train.vgg16.weights-path is not set")
                .hasMessageContaining("the file downloaded from " + url + " has MD5 " + servedMd5
                        + ", expected MD5 6d6bbae143d832006294945121d1f1fc (stylefleet.train.vgg16.md5); it was discarded")
                .hasMessageContaining("set stylefleet.train.vgg16.weights-path to a local copy of "
                        + Vgg16WeightsSource.FILE_NAME)
                .hasMessageContaining("by default Keras' documented MD5 6d6bbae143d832006294945121d1f1fc")
                .hasMessageContaining("or put the file into stylefleet.train.vgg16.cache-dir (" + cache + ")");
        assertThat(requests).hasValue(1);
        assertThat(cache.resolve(Vgg16WeightsSource.FILE_NAME)).doesNotExist();
        assertThat(partialFiles()).isZero();
    }

    @Test
    void aMalformedHashIsReportedAsSuchAndNothingIsDownloaded() {
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.empty(), "6d6b"));

        assertThatThrownBy(source::resolve)
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("stylefleet.train.vgg16.md5='6d6b' is not 32 hexadecimal digits");
        assertThat(requests).hasValue(0);

        Vgg16WeightsSource badSha = new Vgg16WeightsSource(config(Optional.empty(), true, url, Optional.of("abc")));
        assertThatThrownBy(badSha::resolve)
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("stylefleet.train.vgg16.sha256='abc' is not 64 hexadecimal digits");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMissingLocalFileWithDownloadsDisabledNamesThePathAndTheFixes() {
        Path missing = dir.resolve("nowhere.h5");
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.of(missing), false, url, Optional.of(servedSha256)));

        assertThatThrownBy(source::resolve)
                .isInstanceOfSatisfying(LossNetworkUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(LossNetworkUnavailableException.CODE))
                .hasMessageContaining("stylefleet.train.vgg16.weights-path=" + missing + " is not a readable file")
                .hasMessageContaining("downloading is disabled (stylefleet.train.vgg16.download-enabled=false)")
                .hasMessageContaining("stylefleet.train.vgg16.download-enabled=true");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aFilePutIntoTheCacheByHandIsUsedWhenItHasTheExpectedMd5() throws IOException {
        Files.createDirectories(cache);
        Files.copy(served, cache.resolve(Vgg16WeightsSource.FILE_NAME));
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), false, url, Optional.empty(), servedMd5));

        assertThat(source.resolve()).isEqualTo(cache.resolve(Vgg16WeightsSource.FILE_NAME));
        assertThat(requests).hasValue(0);
    }

    @Test
    void aCachedFileWithoutKerasMd5IsNotUsed() throws IOException {
        Files.createDirectories(cache);
        Files.copy(served, cache.resolve(Vgg16WeightsSource.FILE_NAME));
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), false, url, Optional.empty()));

        assertThatThrownBy(source::resolve)
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("the cached file " + cache.resolve(Vgg16WeightsSource.FILE_NAME) + " has MD5 "
                        + servedMd5 + ", expected MD5 " + Vgg16WeightsSource.KERAS_MD5)
                .hasMessageContaining("downloading is disabled");
        assertThat(requests).hasValue(0);
    }

    @Test
    void anHttpErrorIsReported() {
        URI notThere = url.resolve("/other/" + Vgg16WeightsSource.FILE_NAME);
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.empty(), true, notThere, Optional.of(servedSha256)));

        assertThatThrownBy(source::resolve)
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("the download from " + notThere + " answered HTTP 404");
        assertThat(partialFiles()).isZero();
    }

    @Test
    void aLocalFileThatIsNotAKerasFileFailsWithTheFixes() throws IOException {
        Path local = dir.resolve("broken.h5");
        Files.writeString(local, "not hdf5");
        Vgg16WeightsSource source = new Vgg16WeightsSource(config(Optional.of(local), false, url, Optional.empty()));

        assertThatThrownBy(source::load)
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining(local + " cannot be read as a Keras VGG-16 weights file")
                .hasMessageContaining("To fix: set stylefleet.train.vgg16.weights-path");
    }

    private long partialFiles() {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
