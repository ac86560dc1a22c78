package dev.stylefleet.train.vgg;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the training worker gets the VGG-16 loss network weights (Keras file
 * {@value Vgg16WeightsSource#FILE_NAME}). Order: {@code weights-path}, else the file in {@code cache-dir},
 * else a one-time download from {@code download-url} into {@code cache-dir}. The cached and the downloaded
 * file are verified against {@code sha256} when set, else against {@code md5} (by default the MD5 Keras
 * documents for the file). See docs/training.md.
 */
@ConfigMapping(prefix = "stylefleet.train.vgg16")
public interface Vgg16Config {

    /**
     * {@code stylefleet.train.vgg16.weights-path}: a local copy of the Keras weights file. When set and
     * readable it is used as is (no hash check: the operator chose the file). No default.
     */
    Optional<Path> weightsPath();

    /**
     * {@code stylefleet.train.vgg16.cache-dir}: where a downloaded file is kept (and where an operator may
     * put the file by hand). Default {@code ${user.home}/.cache/stylefleet/models}, like Keras' own
     * {@code ~/.keras/models}.
     */
    @WithDefault("${user.home}/.cache/stylefleet/models")
    Path cacheDir();

    /**
     * {@code stylefleet.train.vgg16.download-enabled}: whether the worker may download the file when neither
     * {@code weights-path} nor the cache has it. Default {@code true}.
     */
    @WithDefault("true")
    boolean downloadEnabled();

    /**
     * {@code stylefleet.train.vgg16.download-url}: where to download from. Default: the official Keras
     * applications URL.
     */
    @WithDefault(Vgg16WeightsSource.OFFICIAL_URL)
    URI downloadUrl();

    /**
     * {@code stylefleet.train.vgg16.sha256}: expected SHA-256 (64 hex digits) of the weights file. When set
     * it takes precedence over {@link #md5()}: the cached and the downloaded file must match it. No default:
     * the real file's SHA-256 was not available when this was written (docs/training.md says how to obtain
     * it).
     */
    Optional<String> sha256();

    /**
     * {@code stylefleet.train.vgg16.md5}: expected MD5 (32 hex digits) of the weights file, checked on the
     * cached and the downloaded file when {@link #sha256()} is not set. Default
     * {@value Vgg16WeightsSource#KERAS_MD5}: the {@code file_hash} Keras' own {@code vgg16.py} verifies
     * this file with, so a worker with internet access downloads a verified file with no configuration.
     * Change it only together with {@code download-url} (a mirror serving another file).
     */
    @WithDefault(Vgg16WeightsSource.KERAS_MD5)
    String md5();

    /** {@code stylefleet.train.vgg16.download-timeout}: limit for the whole download (58 MB). Default 15 minutes. */
    @WithDefault("PT15M")
    Duration downloadTimeout();

    /** {@code stylefleet.train.vgg16.connect-timeout}: limit for opening the connection. Default 30 seconds. */
    @WithDefault("PT30S")
    Duration connectTimeout();
}
