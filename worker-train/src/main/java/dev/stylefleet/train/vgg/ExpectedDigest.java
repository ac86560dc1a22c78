package dev.stylefleet.train.vgg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hash a VGG-16 weights file (downloaded or cached) must have: the configured SHA-256 when there is
 * one, else the MD5 Keras itself verifies the file with ({@code file_hash} in Keras' {@code vgg16.py},
 * {@value Vgg16WeightsSource#KERAS_MD5}, or whatever {@code stylefleet.train.vgg16.md5} is set to). The
 * MD5 default is what lets a worker with internet access train out of the box; MD5 is not
 * collision-resistant, which is why an operator's SHA-256 takes precedence.
 *
 * @param algorithm the {@link MessageDigest} algorithm name, {@code SHA-256} or {@code MD5}
 * @param hex       the expected value, lower-case hex
 * @param key       the configuration key it came from (named in error messages)
 */
record ExpectedDigest(String algorithm, String hex, String key) {

    static final String SHA_256 = "SHA-256";
    static final String MD5 = "MD5";

    /** The configured SHA-256 if any, else the configured (by default Keras' documented) MD5. */
    static ExpectedDigest of(Vgg16Config config) {
        return config.sha256()
                .map(sha -> new ExpectedDigest(SHA_256, normalise(sha), Vgg16WeightsSource.KEY_SHA256))
                .orElseGet(() -> new ExpectedDigest(MD5, normalise(config.md5()), Vgg16WeightsSource.KEY_MD5));
    }

    private static String normalise(String hex) {
        return hex.trim().toLowerCase(Locale.ROOT);
    }

    /** Hex digits the algorithm's digest has: 64 for SHA-256, 32 for MD5. */
    int hexLength() {
        return SHA_256.equals(algorithm) ? 64 : 32;
    }

    /** Whether {@link #hex} has the algorithm's length and only hex digits (a typo is reported, not compared). */
    boolean wellFormed() {
        return Pattern.matches("[0-9a-f]{" + hexLength() + "}", hex);
    }

    /** Lower-case hex digest of a file; on a read error, records it in {@code problems} and returns "unreadable". */
    String digestOf(Path file, List<String> problems) {
        return digest(algorithm, file, problems);
    }

    static String digest(String algorithm, Path file, List<String> problems) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            problems.add(file + " cannot be read: " + e);
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256 and MD5", e);
        }
    }

    /** How messages name it, e.g. {@code MD5 6d6b... (stylefleet.train.vgg16.md5)}. */
    String describe() {
        return algorithm + " " + hex + " (" + key + ")";
    }
}
