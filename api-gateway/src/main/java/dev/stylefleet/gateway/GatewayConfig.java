package dev.stylefleet.gateway;

import dev.stylefleet.platform.config.KafkaConnection;
import dev.stylefleet.platform.config.S3Connection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway can be told, under {@code stylefleet.*}. The connection groups (kafka, s3) are
 * the shared ones every stylefleet service reads, declared once in {@code dev.stylefleet.platform.config},
 * so the launcher can hand the same values to all of them.
 * Defaults match the local stack; docs/api.md lists every key.
 */
@ConfigMapping(prefix = "stylefleet")
public interface GatewayConfig {

    /** {@code stylefleet.kafka.*}: the Kafka connection every service shares. */
    KafkaConnection kafka();

    /** {@code stylefleet.s3.*}: the object-store connection every service shares. */
    S3Connection s3();

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

    Callbacks callbacks();

    Api api();

    /** The key map used when {@code stylefleet.api-keys} is empty. */
    Map<String, String> DEFAULT_API_KEYS = Map.of("local-dev-key", "local");

    /** The configured key map, or {@link #DEFAULT_API_KEYS} when none is configured. */
    default Map<String, String> effectiveApiKeys() {
        Map<String, String> keys = apiKeys();
        return keys == null || keys.isEmpty() ? DEFAULT_API_KEYS : keys;
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

        /**
         * {@code stylefleet.limits.max-uri-length}: longest request URI (path and query) in characters;
         * a longer one is answered 414 URI_TOO_LONG. Must stay below
         * {@code quarkus.http.limits.max-initial-line-length}, past which the HTTP codec answers 414
         * itself, without a body.
         */
        @WithDefault("8192")
        int maxUriLength();

        /**
         * {@code stylefleet.limits.max-header-bytes}: largest sum of the request's header lines
         * (name, value, 4 bytes of separators each); more is answered 431 HEADERS_TOO_LARGE. Must stay
         * below {@code quarkus.http.limits.max-header-size}, past which the HTTP codec answers 431 itself,
         * without a body.
         */
        @WithDefault("16384")
        int maxHeaderBytes();
    }

    interface Gateway {
        /**
         * {@code stylefleet.gateway.enqueue-timeout}: how long a submission waits for Kafka to
         * acknowledge each of its messages before the job is failed with ENQUEUE_FAILED. Short, because
         * it is what the first clients of a broker outage wait before their 503 (later ones are refused
         * at once, see jobs.EnqueueBreaker); a healthy broker acknowledges in milliseconds.
         */
        @WithDefault("5S")
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

        /**
         * {@code stylefleet.gateway.group-id}: consumer group of the gateway replicas. Each partition of the
         * events topic is owned by one replica, which snapshots its jobs into the records topic and sends
         * their callbacks (see docs/api.md, "Job state").
         */
        @WithDefault("stylefleet-gateway")
        String groupId();

        /** {@code stylefleet.gateway.model-cache-ttl}: how long a submission may rely on a model looked up earlier (see ModelLookup); 0 = always look up. */
        @WithDefault("10S")
        Duration modelCacheTtl();

        /** {@code stylefleet.gateway.health-timeout}: longest wait of the readiness check on Kafka and on S3. */
        @WithDefault("3S")
        Duration healthTimeout();

        /**
         * {@code stylefleet.gateway.group-session-timeout}: how long a replica that stopped answering (a
         * crash) keeps its events partitions before the group hands them to the others.
         */
        @WithDefault("10S")
        Duration groupSessionTimeout();

        /** {@code stylefleet.gateway.max-loss-points}: loss history kept per training job (newest). */
        @WithDefault("1000")
        int maxLossPoints();

        /** {@code stylefleet.gateway.max-callback-attempts}: callback attempts kept per job (newest). */
        @WithDefault("200")
        int maxCallbackAttempts();

        /**
         * {@code stylefleet.gateway.records-barrier-timeout}: how long the recorder waits for this
         * replica's view to include every record already written before it extends one.
         */
        @WithDefault("30S")
        Duration recordsBarrierTimeout();
    }

    interface Callbacks {
        /** The secret map used when {@code stylefleet.callbacks.secrets} is empty. */
        Map<String, String> DEFAULT_SECRETS = Map.of("local", "local-dev-callback-secret");

        /**
         * {@code stylefleet.callbacks.secrets.<tenant>=<secret>}: the key each tenant's callbacks are
         * signed with (HMAC-SHA256). When none is configured, tenant {@code local} signs with
         * {@code local-dev-callback-secret}; a tenant without a secret cannot set a callbackUrl.
         */
        Map<String, String> secrets();

        default Map<String, String> effectiveSecrets() {
            Map<String, String> s = secrets();
            return s == null || s.isEmpty() ? DEFAULT_SECRETS : s;
        }

        /**
         * {@code stylefleet.callbacks.allow-list}: comma-separated exceptions to the address check, each an
         * IP address, a CIDR block ({@code 10.1.0.0/16}) or an address with a port ({@code 127.0.0.1:8099}).
         * Empty: no callback may go to a loopback, private, link-local or metadata address.
         */
        Optional<List<String>> allowList();

        /** {@code stylefleet.callbacks.deadline}: how long after the first attempt a delivery is retried. */
        @WithDefault("1H")
        Duration deadline();

        /** {@code stylefleet.callbacks.initial-backoff}: pause after the first failed attempt. */
        @WithDefault("1S")
        Duration initialBackoff();

        /** {@code stylefleet.callbacks.max-backoff}: the exponential back-off stops growing here. */
        @WithDefault("5M")
        Duration maxBackoff();

        /**
         * {@code stylefleet.callbacks.jitter}: each pause is drawn uniformly from
         * [(1 - jitter) x backoff, backoff], so that many failing receivers are not retried in lockstep.
         */
        @WithDefault("0.5")
        double jitter();

        /** {@code stylefleet.callbacks.request-timeout}: connect plus response time of one attempt. */
        @WithDefault("10S")
        Duration requestTimeout();

        /** {@code stylefleet.callbacks.threads}: deliveries in flight at once (over all jobs). */
        @WithDefault("8")
        int threads();
    }

    interface Api {
        /**
         * {@code stylefleet.api.retry-after}: the {@code Retry-After} every 503 carries (ENQUEUE_FAILED,
         * STORAGE_UNAVAILABLE, NOT_READY), in whole seconds rounded up: long enough that clients do not
         * hammer a recovering broker or object store, short enough for an outage of seconds.
         */
        @WithDefault("5S")
        Duration retryAfter();

        /** {@code stylefleet.api.default-page-size}: page size of GET /v1/jobs when none is asked for. */
        @WithDefault("20")
        int defaultPageSize();

        /** {@code stylefleet.api.max-page-size}: largest page size GET /v1/jobs allows. */
        @WithDefault("100")
        int maxPageSize();

        /**
         * {@code stylefleet.api.cancel-wait}: how long DELETE /v1/jobs/{id} waits for the job to show
         * CANCELLED before answering 202 with whatever state it has (the cancel goes on regardless).
         */
        @WithDefault("2S")
        Duration cancelWait();

        /** {@code stylefleet.api.upload-url-expiry}: lifetime of a presigned upload URL. */
        @WithDefault("15M")
        Duration uploadUrlExpiry();

        /**
         * {@code stylefleet.api.upload-retention}: how long an object PUT to a presigned upload URL is
         * kept (from its PUT), whether or not a job used it: a job has its own copy under {@code inputs/}.
         * Then the gateway deletes it (see UploadRetention). At least 1S.
         */
        @WithDefault("24H")
        Duration uploadRetention();

        /** {@code stylefleet.api.thumbnail-side}: longer side of a style's thumbnail PNG. */
        @WithDefault("256")
        int thumbnailSide();

        /** {@code stylefleet.api.max-dataset-images}: most images one dataset upload may hold. */
        @WithDefault("100000")
        int maxDatasetImages();

        /** {@code stylefleet.api.max-model-bytes}: largest ONNX file POST /v1/models takes. */
        @WithDefault("209715200")
        long maxModelBytes();

        /**
         * {@code stylefleet.api.inline-input-max-bytes}: inference inputs up to this size (256 KiB) travel
         * inside the job's Kafka message instead of through the object store, which saves a store round
         * trip on submit and another on the worker; 0 sends every input through the store. At most
         * 1048576 (the message schema's bound; the broker's default message limit is 1 MB).
         */
        @WithDefault("262144")
        int inlineInputMaxBytes();

        /**
         * {@code stylefleet.api.job-retention}: how long an inference job is kept after it ended
         * (SUCCEEDED, FAILED or CANCELLED). Then the replica that owns the job deletes its input and
         * result objects and writes tombstones for it, and every replica forgets it (GET answers 404).
         * Training jobs are kept: they are the styles. At least 1S. Also the epoch of job ids derived
         * from an Idempotency-Key (see JobIds), so every replica must have the same value.
         */
        @WithDefault("P7D")
        Duration jobRetention();

        /**
         * {@code stylefleet.api.jpeg-input-format}: the output format of an inference job whose input is a
         * JPEG and that names no {@code format}: {@code jpeg} (default), or {@code png} (the behaviour before,
         * when every job without a format got PNG) or {@code webp}. Other inputs default to PNG; a
         * {@code format} sent with the job is always obeyed.
         */
        @WithDefault("jpeg")
        String jpegInputFormat();
    }
}
