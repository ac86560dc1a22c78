package dev.stylefleet.infra;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * A real S3-compatible HTTP server inside this JVM: S3Proxy (Jetty) in front of jclouds' filesystem
 * blob store. Each bucket is a directory under {@code baseDir}, each object a file (its content type
 * and user metadata in extended attributes), so objects survive a restart on the same directory.
 * Requests must be signed (AWS signature v2 or v4, headers or presigned query) with the one
 * configured key pair. Paths are bucket-style ({@code http://host:port/bucket/key}); there is no
 * virtual-host addressing, which is what the MinIO client uses for an IP endpoint anyway.
 */
final class EmbeddedS3 implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts on {@code host:port} (0 = any free port) and creates {@code buckets} unless they exist. */
    static EmbeddedS3 start(String host, int port, Path baseDir, String accessKey, String secretKey,
            List<String> buckets) {
        BlobStoreContext context = null;
        S3Proxy proxy = null;
        try {
            Files.createDirectories(baseDir);
            Properties overrides = new Properties();
            overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toAbsolutePath().toString());
            // The API metadata is passed directly rather than by the name "filesystem": a lookup by name
            // loads every provider S3Proxy registers, including Azure's, whose SDK we leave out.
            context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                    .overrides(overrides)
                    .build(BlobStoreContext.class);
            BlobStore store = context.getBlobStore();
            for (String bucket : buckets) {
                // Created directly in the blob store: no HTTP round trip, and idempotent on a restart.
                store.createContainerInLocation(null, bucket);
            }
            proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://" + host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
            return new EmbeddedS3(proxy, context, endpoint);
        } catch (Exception e) {
            stopQuietly(proxy, context);
            throw new LocalStackException("S3 server did not start on " + host + ":" + port + " with data directory "
                    + baseDir + ": " + e.getMessage()
                    + (port != 0 ? " (is another S3 server or local stack already running there?)" : ""), e);
        }
    }

    /** {@code http://host:port}, no trailing slash. */
    String endpoint() {
        return endpoint.toString();
    }

    int port() {
        return endpoint.getPort();
    }

    @Override
    public void close() {
        stopQuietly(proxy, context);
    }

    private static void stopQuietly(S3Proxy proxy, BlobStoreContext context) {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "could not stop the S3 server", e);
            }
        }
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not close the S3 blob store", e);
            }
        }
    }
}
