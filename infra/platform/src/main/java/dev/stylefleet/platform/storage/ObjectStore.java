package dev.stylefleet.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
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
            if ("NoSuchKey".equals(e.errorResponse().code())) {
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
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NotFound".equals(e.errorResponse().code())) {
                return false;
            }
            throw new StorageException("stat " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("stat " + bucket + "/" + key, e);
        }
    }

    /** Keys under a prefix, recursively, in lexical order. */
    public List<String> list(String bucket, String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
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
