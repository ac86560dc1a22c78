package dev.stylefleet.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway can be told, under {@code stylefleet.*}. The four connection keys are the
 * shared ones every stylefleet service reads, so the launcher can hand the same values to all of them.
 * Defaults match the local stack; docs/api.md lists every key.
 */
@ConfigMapping(prefix = "stylefleet")
public interface GatewayConfig {

    Kafka kafka();

    S3 s3();

    Limits limits();

    /**
     * API keys: {@code stylefleet.api-keys.<key>=<tenant>}. The tenant of the key owns the jobs it
     * submits. When no key is configured the gateway accepts {@code local-dev-key} for tenant
     * {@code local} (see {@link #DEFAULT_API_KEYS}); configuring any key replaces that default, so a
     * deployment never keeps the well-known development key by accident.
     */
    Map<String, String> apiKeys();

    /**
     * {@code stylefleet.public-base-url}, for example {@code https://api.example.com}: the prefix of the
     * absolute URLs the API returns (result links). Unset: derived from each request's Host.
     */
    Optional<String> publicBaseUrl();

    Gateway gateway();

    /** The key map used when {@code stylefleet.api-keys} is empty. */
    Map<String, String> DEFAULT_API_KEYS = Map.of("local-dev-key", "local");

    /** The configured key map, or {@link #DEFAULT_API_KEYS} when none is configured. */
    default Map<String, String> effectiveApiKeys() {
        Map<String, String> keys = apiKeys();
        return keys == null || keys.isEmpty() ? DEFAULT_API_KEYS : keys;
    }

    interface Kafka {
        /** {@code stylefleet.kafka.bootstrap-servers}: the Kafka cluster. */
        @WithDefault("localhost:9092")
        String bootstrapServers();
    }

    interface S3 {
        /** {@code stylefleet.s3.endpoint}: S3-compatible server (MinIO, the local stack's server). */
        @WithDefault("http://localhost:9000")
        String endpoint();

        /** {@code stylefleet.s3.access-key}. */
        @WithDefault("stylefleet")
        String accessKey();

        /** {@code stylefleet.s3.secret-key}. */
        @WithDefault("stylefleet-secret")
        String secretKey();
    }

    interface Limits {
        /** Shared with {@link HttpBodyLimitConfigSourceFactory}, which cannot see mapping defaults. */
        String DEFAULT_MAX_UPLOAD_BYTES = "52428800";
        String DEFAULT_MULTIPART_OVERHEAD_BYTES = "65536";

        /** {@code stylefleet.limits.max-upload-bytes}: largest accepted image file, 50 MiB. */
        @WithDefault(DEFAULT_MAX_UPLOAD_BYTES)
        long maxUploadBytes();

        /**
         * {@code stylefleet.limits.max-pixels}: largest width x height, 64 megapixels. A decoded RGBA
         * image of that size is 256 MB, which is what the gateway and the workers must hold in memory.
         */
        @WithDefault("64000000")
        long maxPixels();

        /** {@code stylefleet.limits.max-side}: largest width or height in pixels. */
        @WithDefault("16384")
        int maxSide();

        /**
         * {@code stylefleet.limits.multipart-overhead-bytes}: what a multipart request may carry beyond
         * the image (boundaries, part headers, the small text fields). A request whose Content-Length
         * exceeds max-upload-bytes plus this is refused before its body is read, and the HTTP layer's
         * own body limit is set to that sum (see {@link HttpBodyLimitConfigSourceFactory}).
         */
        @WithDefault(DEFAULT_MULTIPART_OVERHEAD_BYTES)
        long multipartOverheadBytes();
    }

    interface Gateway {
        /**
         * {@code stylefleet.gateway.enqueue-timeout}: how long a submission waits for Kafka to
         * acknowledge each of its messages before the job is failed with ENQUEUE_FAILED.
         */
        @WithDefault("15S")
        Duration enqueueTimeout();

        /**
         * {@code stylefleet.gateway.events-poll-timeout}: the longest one poll of the job-state consumer
         * blocks; bounds how quickly it notices shutdown.
         */
        @WithDefault("500MS")
        Duration eventsPollTimeout();

        /**
         * {@code stylefleet.gateway.events-retry-backoff}: pause after the job-state consumer fails
         * (broker unreachable at start-up, for instance) before it tries again.
         */
        @WithDefault("2S")
        Duration eventsRetryBackoff();
    }
}
