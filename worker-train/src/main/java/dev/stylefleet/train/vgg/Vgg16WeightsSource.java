package dev.stylefleet.train.vgg;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Keras VGG-16 weights file and loads it: the configured local path, else the copy in the cache
 * directory, else a one-time download from the configured URL into the cache. The cached and the
 * downloaded file are accepted only when they match the expected hash ({@link ExpectedDigest}): the
 * configured SHA-256, else the configured MD5, by default the one Keras documents for the file, so a
 * worker that can reach the download URL needs no configuration. Every failure ends in a {@link LossNetworkUnavailableException}
 * whose message lists what was tried and both ways to fix it (a local path, or download / cache).
 *
 * <p>The download goes to a temporary file in the cache directory and is moved into place atomically
 * after the hash check, so concurrent workers sharing a cache never read a partial or unverified file.
 */
@Singleton
public class Vgg16WeightsSource {

    /** The Keras weights file: VGG-16 without the fully connected top, TensorFlow dimension ordering. */
    public static final String FILE_NAME = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";

    /** Where Keras' {@code keras.applications.VGG16} downloads the file from. */
    public static final String OFFICIAL_URL =
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/" + FILE_NAME;

    static final String KEY_WEIGHTS_PATH = "stylefleet.train.vgg16.weights-path";
    static final String KEY_CACHE_DIR = "stylefleet.train.vgg16.cache-dir";
    static final String KEY_DOWNLOAD_ENABLED = "stylefleet.train.vgg16.download-enabled";
    static final String KEY_SHA256 = "stylefleet.train.vgg16.sha256";
    static final String KEY_MD5 = "stylefleet.train.vgg16.md5";

    /**
     * MD5 of {@value #FILE_NAME} as Keras documents it: the {@code file_hash} its {@code vgg16.py} passes to
     * {@code get_file} for the no-top weights. The default of {@code stylefleet.train.vgg16.md5}.
     */
    public static final String KERAS_MD5 = "6d6bbae143d832006294945121d1f1fc";

    private static final Logger LOG = Logger.getLogger(Vgg16WeightsSource.class);
    private static final int HTTP_OK = 200;

    private final Vgg16Config config;

    @Inject
    public Vgg16WeightsSource(Vgg16Config config) {
        this.config = config;
    }

    /**
     * Resolves the file ({@link #resolve()}) and reads it.
     *
     * @throws LossNetworkUnavailableException when no source works or the file is not a Keras VGG-16 file
     */
    public Vgg16Weights load() {
        Path file = resolve();
        try {
            return Vgg16Weights.read(file);
        } catch (LossNetworkUnavailableException e) {
            throw new LossNetworkUnavailableException(e.getMessage() + ". " + howToFix(), e);
        }
    }

    /**
     * The path of a weights file to read: local path, cache, or a fresh verified download into the cache.
     *
     * @throws LossNetworkUnavailableException when none of them works
     */
    public Path resolve() {
        List<String> tried = new ArrayList<>();

        Optional<Path> local = config.weightsPath();
        if (local.isPresent()) {
            if (Files.isRegularFile(local.get()) && Files.isReadable(local.get())) {
                return local.get();
            }
            tried.add(KEY_WEIGHTS_PATH + "=" + local.get() + " is not a readable file");
        } else {
            tried.add(KEY_WEIGHTS_PATH + " is not set");
        }

        ExpectedDigest expected = ExpectedDigest.of(config);
        Path cached = config.cacheDir().resolve(FILE_NAME);
        if (!expected.wellFormed()) {
            // A typo in the configured hash would otherwise reject every file, and look like a bad file.
            tried.add(expected.key() + "='" + expected.hex() + "' is not " + expected.hexLength()
                    + " hexadecimal digits, so neither the cached nor a downloaded file could be verified");
            throw unavailable(tried);
        }
        if (Files.isRegularFile(cached)) {
            String actual = expected.digestOf(cached, tried);
            if (expected.hex().equals(actual)) {
                return cached;
            }
            tried.add("the cached file " + cached + " has " + expected.algorithm() + " " + actual + ", expected "
                    + expected.describe());
        } else {
            tried.add("the cache has no " + cached);
        }

        if (!config.downloadEnabled()) {
            tried.add("downloading is disabled (" + KEY_DOWNLOAD_ENABLED + "=false)");
        } else {
            Optional<String> failure = download(config.downloadUrl(), cached, expected);
            if (failure.isEmpty()) {
                return cached;
            }
            tried.add(failure.get());
        }
        throw unavailable(tried);
    }

    private LossNetworkUnavailableException unavailable(List<String> tried) {
        return new LossNetworkUnavailableException("the VGG-16 loss network weights (" + FILE_NAME
                + ") are unavailable: " + String.join("; ", tried) + ". " + howToFix());
    }

    private String howToFix() {
        return "To fix: set " + KEY_WEIGHTS_PATH + " to a local copy of " + FILE_NAME
                + " (used as is, no hash check), or let the worker download it once (" + KEY_DOWNLOAD_ENABLED
                + "=true, access to " + config.downloadUrl() + "; the file is verified against " + KEY_SHA256
                + " when set, else against " + KEY_MD5 + ", by default Keras' documented MD5 " + KERAS_MD5
                + "), or put the file into " + KEY_CACHE_DIR + " (" + config.cacheDir() + ")";
    }

    /** Downloads into {@code target}; an empty result means success, otherwise why it failed. */
    private Optional<String> download(URI url, Path target, ExpectedDigest expected) {
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(target.getParent(), FILE_NAME + ".", ".part");
            LOG.infof("Downloading the VGG-16 weights from %s into %s", url, target.getParent());
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(config.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(config.downloadTimeout()).GET().build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != HTTP_OK) {
                return Optional.of("the download from " + url + " answered HTTP " + response.statusCode());
            }
            List<String> hashProblem = new ArrayList<>();
            String actual = expected.digestOf(partial, hashProblem);
            if (!hashProblem.isEmpty()) {
                return Optional.of(hashProblem.get(0));
            }
            if (!expected.hex().equals(actual)) {
                return Optional.of("the file downloaded from " + url + " has " + expected.algorithm() + " " + actual
                        + ", expected " + expected.describe() + "; it was discarded");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("Cached the VGG-16 weights at %s (%s verified)", target, expected.algorithm());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the download from " + url + " into " + target.getParent() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the download from " + url + " was interrupted");
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    LOG.warnf("Could not delete the partial download %s: %s", partial, e);
                }
            }
        }
    }

    /** Lower-case hex SHA-256 of a file; on a read error, records it in {@code problems} and returns "unreadable". */
    static String sha256(Path file, List<String> problems) {
        return ExpectedDigest.digest(ExpectedDigest.SHA_256, file, problems);
    }
}
