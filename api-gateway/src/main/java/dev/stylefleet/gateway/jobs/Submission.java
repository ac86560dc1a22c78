package dev.stylefleet.gateway.jobs;

import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.schemas.InferOptions;

/**
 * An inference request that passed every check and may now be stored and queued.
 *
 * @param tenant           owner, from the API key
 * @param task             {@code super-resolve} or {@code stylize}
 * @param model            registry model id whose task is {@code task}
 * @param outputFormat     {@code png}, {@code jpeg} or {@code webp}
 * @param image            the uploaded bytes, exactly as received
 * @param header           type and size read from those bytes
 * @param options          inference options (null fields: the worker's defaults)
 * @param callback         where to report the job's outcome, or null
 * @param idempotency      the client's Idempotency-Key and the request's hash, or null
 */
public record Submission(String tenant, String task, String model, String outputFormat, byte[] image,
        ImageHeader header, InferOptions options, Callback callback, Idempotency idempotency) {

    public Submission(String tenant, String task, String model, String outputFormat, byte[] image, ImageHeader header) {
        this(tenant, task, model, outputFormat, image, header, InferOptions.defaults(), null, null);
    }

    /** A checked callback URL and whether progress is reported too. */
    public record Callback(String url, boolean progress) {}

    /** The Idempotency-Key header and a hash of everything the request carried. */
    public record Idempotency(String key, String requestHash) {}
}
