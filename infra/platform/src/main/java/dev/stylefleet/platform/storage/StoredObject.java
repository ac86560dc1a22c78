package dev.stylefleet.platform.storage;

import java.time.Instant;

/**
 * What the object store says about an object without reading it (S3 HEAD, or an entry of a listing).
 *
 * @param key          the object's key in its bucket
 * @param size         bytes
 * @param etag         the entity tag, without quotes: changes whenever the object is written
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, String etag, Instant lastModified) {

    /** Servers differ in whether they quote ETags (the HTTP header does, listings may not): kept bare. */
    public StoredObject {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
    }
}
