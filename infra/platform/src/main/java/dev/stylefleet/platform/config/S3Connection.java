package dev.stylefleet.platform.config;

import io.smallrye.config.WithDefault;

/**
 * How a service reaches the object store: the group {@code stylefleet.s3.*} of every service's
 * {@code @ConfigMapping(prefix = "stylefleet")}. Declared once so that the gateway and both workers read
 * the same keys with the same defaults. Defaults match the local stack ({@code ./stylefleet up}); the
 * bucket names are not configuration (see {@code dev.stylefleet.schemas.Buckets}).
 */
public interface S3Connection {

    /** The default of {@link #endpoint()}: the local stack's S3 server. */
    String DEFAULT_ENDPOINT = "http://localhost:9000";
    /** The default of {@link #accessKey()}: the local stack's credentials. */
    String DEFAULT_ACCESS_KEY = "stylefleet";
    /** The default of {@link #secretKey()}: the local stack's credentials. */
    String DEFAULT_SECRET_KEY = "stylefleet-secret";

    /** {@code stylefleet.s3.endpoint}: S3-compatible server (MinIO, the local stack's S3Proxy, AWS S3). */
    @WithDefault(DEFAULT_ENDPOINT)
    String endpoint();

    /** {@code stylefleet.s3.access-key}: access key id of the S3 credentials. */
    @WithDefault(DEFAULT_ACCESS_KEY)
    String accessKey();

    /** {@code stylefleet.s3.secret-key}: secret of the S3 credentials. */
    @WithDefault(DEFAULT_SECRET_KEY)
    String secretKey();
}
