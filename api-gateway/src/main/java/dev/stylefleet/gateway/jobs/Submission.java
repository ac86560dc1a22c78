package dev.stylefleet.gateway.jobs;

import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.schemas.InferOptions;

/**
 * An inference request that passed every check and may now be stored and queued. The image is either
 * {@code image} (bytes that came with the request) or {@code upload} (an object a client PUT to a
 * presigned URL, checked by its header and copied inside the store on submit), never both.
 *
 * @param tenant           owner, from the API key
 * @param task             {@code super-resolve} or {@code stylize}
 * @param model            registry model id whose task is {@code task}
 * @param outputFormat     {@code png}, {@code jpeg} or {@code webp}
 * @param image            the uploaded bytes, exactly as received; null for an upload
 * @param upload           the presigned upload's object; null for bytes
 * @param header           type and size read from the image's header
 * @param options          inference options (null fields: the worker's defaults)
 * @param callback         where to report the job's outcome, or null
 * @param idempotency      the client's Idempotency-Key and the request's hash, or null
 */
public record Submission(String tenant, String task, String model, String outputFormat, byte[] image, Upload upload,
        ImageHeader header, InferOptions options, Callback callback, Idempotency idempotency) {

    public Submission {
        if ((image == null) == (upload == null)) {
            throw new IllegalArgumentException("a submission has either image bytes or an upload");
        }
    }

    public Submission(String tenant, String task, String model, String outputFormat, byte[] image, ImageHeader header) {
        this(tenant, task, model, outputFormat, image, null, header, InferOptions.defaults(), null, null);
    }

    /** The same submission with the client's Idempotency-Key and the request's hash. */
    public Submission withIdempotency(Idempotency idempotency) {
        return new Submission(tenant, task, model, outputFormat, image, upload, header, options, callback, idempotency);
    }

    /**
     * A presigned upload as it was checked: its key (bucket {@code stylefleet-data}), size and ETag. The
     * ETag pins the copy to the object that was checked (a client may PUT again while its URL lasts).
     */
    public record Upload(String key, long size, String etag) {}

    /** A checked callback URL and whether progress is reported too. */
    public record Callback(String url, boolean progress) {}

    /** The Idempotency-Key header and a hash of everything the request carried. */
    public record Idempotency(String key, String requestHash) {}
}
