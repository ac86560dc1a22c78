package dev.stylefleet.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The S3 operations stylefleet needs, over the MinIO client. Works against MinIO in production and
 * the local stack's S3 server; every method throws {@link StorageException} (unchecked) on failure.
 */
public final class ObjectStore {
    private final MinioClient client;

    public ObjectStore(String endpoint, String accessKey, String secretKey) {
        this.client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                // A fixed region saves the client a GetBucketLocation round trip per bucket.
                .region("us-east-1")
                .build();
    }

    public MinioClient client() {
        return client;
    }

    public void ensureBucket(String bucket) {
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        }, "ensureBucket " + bucket);
    }

    public void put(String bucket, String key, byte[] bytes, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType).build()), "put " + bucket + "/" + key);
    }

    /** Streams an object of unknown length (multipart when large). */
    public void put(String bucket, String key, InputStream in, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(in, -1, 10L * 1024 * 1024).contentType(contentType).build()),
                "put " + bucket + "/" + key);
    }

    public byte[] get(String bucket, String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        }, "get " + bucket + "/" + key);
    }

    /** The object, or empty when there is no such key. */
    public Optional<byte[]> find(String bucket, String key) {
        try {
            return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())
                    .readAllBytes());
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw new StorageException("get " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("get " + bucket + "/" + key, e);
        }
    }

    public InputStream open(String bucket, String key) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()),
                "open " + bucket + "/" + key);
    }

    public boolean exists(String bucket, String key) {
        return stat(bucket, key).isPresent();
    }

    /** Size, ETag and time of an object without reading it (HEAD), or empty when there is no such key. */
    public Optional<StoredObject> stat(String bucket, String key) {
        try {
            StatObjectResponse r = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new StoredObject(key, r.size(), r.etag(), r.lastModified().toInstant()));
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw new StorageException("stat " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("stat " + bucket + "/" + key, e);
        }
    }

    /** At most {@code length} bytes of an object from {@code offset} (a ranged GET): fewer where it ends sooner. */
    public byte[] getRange(String bucket, String key, long offset, long length) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length(length).build())) {
                return in.readAllBytes();
            }
        }, "get " + bucket + "/" + key + " bytes " + offset + "+" + length);
    }

    /**
     * Copies an object inside the store (S3 CopyObject: the bytes never leave the server), but only while
     * the source still has ETag {@code sourceEtag}. False when the source is gone or was written since.
     */
    public boolean copyIfUnchanged(String bucket, String sourceKey, String sourceEtag, String targetKey) {
        try {
            client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(targetKey)
                    .source(CopySource.builder().bucket(bucket).object(sourceKey).matchETag(sourceEtag).build())
                    .build());
            return true;
        } catch (ErrorResponseException e) {
            if (missing(e) || "PreconditionFailed".equals(e.errorResponse().code())) {
                return false;
            }
            throw new StorageException("copy " + bucket + "/" + sourceKey + " to " + targetKey, e);
        } catch (Exception e) {
            throw new StorageException("copy " + bucket + "/" + sourceKey + " to " + targetKey, e);
        }
    }

    /**
     * The objects under a prefix, recursively, in lexical order of their keys, with size and time (null
     * only for an object deleted while it was listed). Folder markers (keys ending in '/') are left out.
     */
    public List<StoredObject> listObjects(String bucket, String prefix) {
        return call(() -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> r : items(bucket, prefix)) {
                Item i = r.get();
                if (i.isDir() || i.objectName().endsWith("/")) {
                    continue; // a folder marker (S3Proxy's file-system store lists its directories), no object
                }
                // Not every S3 server's listing gives a time the client reads (S3Proxy's does not): then a HEAD.
                objects.add(i.lastModified() != null
                        ? new StoredObject(i.objectName(), i.size(), i.etag(), i.lastModified().toInstant())
                        : stat(bucket, i.objectName()).orElse(new StoredObject(i.objectName(), i.size(), i.etag(), null)));
            }
            return objects;
        }, "list " + bucket + "/" + prefix);
    }

    /** The listing under a prefix, recursively (lazily fetched pages). */
    private Iterable<Result<Item>> items(String bucket, String prefix) {
        return client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
    }

    private static boolean missing(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code()) || "NotFound".equals(e.errorResponse().code());
    }

    /** Keys under a prefix, recursively, in lexical order. */
    public List<String> list(String bucket, String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : items(bucket, prefix)) {
                keys.add(r.get().objectName());
            }
            return keys;
        }, "list " + bucket + "/" + prefix);
    }

    public void delete(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        }, "delete " + bucket + "/" + key);
    }

    /** A time-limited GET URL for a client to download an object directly. */
    public String presignedGet(String bucket, String key, int expirySeconds) {
        return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                .bucket(bucket).object(key).expiry(expirySeconds).build()), "presign " + bucket + "/" + key);
    }

    /** A time-limited PUT URL for a client to upload an object directly. */
    public String presignedPut(String bucket, String key, int expirySeconds) {
        return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT)
                .bucket(bucket).object(key).expiry(expirySeconds).build()), "presign " + bucket + "/" + key);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> c, String what) {
        try {
            return c.run();
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException(what, e);
        }
    }
}
