package dev.stylefleet.train.vgg;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the Keras VGG-16 weights file and loads it: the configured local path, else the copy in the cache
 * directory, else a one-time download from the configured URL into the cache, accepted only when its
 * SHA-256 matches the configured one. Every failure ends in a {@link LossNetworkUnavailableException}
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

    private static final Logger LOG = Logger.getLogger(Vgg16WeightsSource.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
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

        Optional<String> expected = config.sha256().map(s -> s.trim().toLowerCase(Locale.ROOT));
        Path cached = config.cacheDir().resolve(FILE_NAME);
        if (Files.isRegularFile(cached)) {
            if (expected.isEmpty()) {
                // No hash to check against: a file in the cache was put there by the operator or by an
                // earlier verified download.
                return cached;
            }
            String actual = sha256(cached, tried);
            if (expected.get().equals(actual)) {
                return cached;
            }
            tried.add("the cached file " + cached + " has SHA-256 " + actual + ", expected " + expected.get());
        } else {
            tried.add("the cache has no " + cached);
        }

        if (!config.downloadEnabled()) {
            tried.add("downloading is disabled (" + KEY_DOWNLOAD_ENABLED + "=false)");
        } else if (expected.isEmpty()) {
            tried.add("no download from " + config.downloadUrl() + " because " + KEY_SHA256
                    + " is not set, so a download could not be verified");
        } else if (!SHA256_HEX.matcher(expected.get()).matches()) {
            tried.add(KEY_SHA256 + "='" + expected.get() + "' is not 64 hexadecimal digits");
        } else {
            Optional<String> failure = download(config.downloadUrl(), cached, expected.get());
            if (failure.isEmpty()) {
                return cached;
            }
            tried.add(failure.get());
        }
        throw new LossNetworkUnavailableException("the VGG-16 loss network weights (" + FILE_NAME
                + ") are unavailable: " + String.join("; ", tried) + ". " + howToFix());
    }

    private String howToFix() {
        return "To fix: set " + KEY_WEIGHTS_PATH + " to a local copy of " + FILE_NAME
                + ", or let the worker download it once (" + KEY_DOWNLOAD_ENABLED + "=true, " + KEY_SHA256
                + "=<the file's SHA-256>, access to " + config.downloadUrl() + "), or put the file into "
                + KEY_CACHE_DIR + " (" + config.cacheDir() + ")";
    }

    /** Downloads into {@code target}; an empty result means success, otherwise why it failed. */
    private Optional<String> download(URI url, Path target, String expectedSha256) {
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
            String actual = sha256(partial, hashProblem);
            if (!hashProblem.isEmpty()) {
                return Optional.of(hashProblem.get(0));
            }
            if (!expectedSha256.equals(actual)) {
                return Optional.of("the file downloaded from " + url + " has SHA-256 " + actual + ", expected "
                        + expectedSha256 + " (" + KEY_SHA256 + "); it was discarded");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("Cached the VGG-16 weights at %s (SHA-256 verified)", target);
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
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            problems.add(file + " cannot be read: " + e);
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
