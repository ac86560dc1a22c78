package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.gateway.images.ImageValidator;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Training datasets: {@code POST /v1/datasets} stores images under {@code datasets/{tenant}/{name}/}
 * (the prefix a style-training job reads), from one zip ({@code archive}) or several {@code images}
 * parts; {@code GET /v1/datasets} lists the tenant's datasets. Each image is checked like a job's input
 * (size, magic bytes, header limits, decode); unreadable ones are skipped and counted, not fatal.
 * Zip entries are read with the per-image byte limit, so an archive cannot inflate without bound,
 * and only their base names are kept (no path from the archive reaches the object key).
 */
@Path("/v1/datasets")
@Blocking
public class DatasetResource {
    /** Dataset names: safe as one object-key segment. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

    @Inject
    ObjectStore store;

    @Inject
    ImageValidator images;

    public record DatasetView(String name, int imageCount, Integer skipped, String prefix) {}

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm String name, @RestForm("archive") FileUpload archive,
            @RestForm("images") List<FileUpload> files) {
        if (FormFields.blank(name)) {
            throw FormFields.missing("name", "the dataset's name (letters, digits, '.', '_', '-')");
        }
        String n = name.trim();
        if (!NAME.matcher(n).matches()) {
            throw FormFields.invalid("name", name, "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        boolean hasFiles = files != null && !files.isEmpty();
        if (archive == null && !hasFiles) {
            throw FormFields.missing("archive", "one zip file part named archive, or image file parts named images");
        }
        if (archive != null && hasFiles) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "archive", "archive: send either one zip (archive) or image files (images), not both");
        }
        String prefix = ObjectKeys.dataset(caller.get(), n);
        Accepted accepted = new Accepted();
        if (archive != null) {
            readZip(archive, accepted);
        } else {
            for (FileUpload f : files) {
                try {
                    images.checkSize(f.size());
                    accepted.offer(f.fileName(), Files.readAllBytes(f.uploadedFile()));
                } catch (ApiException | IOException e) {
                    accepted.skipped++;
                }
            }
        }
        if (accepted.kept.isEmpty()) {
            throw new ApiException(ErrorCode.DATASET_EMPTY, archive != null ? "archive" : "images", (archive != null
                    ? "archive" : "images") + ": no readable PNG, JPEG or WebP image among the files (" + accepted.skipped
                    + " skipped); nothing was stored");
        }
        try {
            for (Map.Entry<String, Image> e : accepted.kept.entrySet()) {
                store.put(Buckets.DATA, prefix + e.getKey(), e.getValue().bytes(), e.getValue().header().type().contentType());
            }
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
        return Response.status(Response.Status.CREATED)
                .entity(new DatasetView(n, accepted.kept.size(), accepted.skipped, prefix)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DatasetView> list() {
        String root = "datasets/" + caller.get() + "/";
        Map<String, Integer> counts = new TreeMap<>();
        try {
            for (String key : store.list(Buckets.DATA, root)) {
                String rest = key.substring(root.length());
                int slash = rest.indexOf('/');
                if (slash > 0 && slash < rest.length() - 1) {
                    counts.merge(rest.substring(0, slash), 1, Integer::sum);
                }
            }
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
        List<DatasetView> out = new ArrayList<>();
        counts.forEach((name, count) -> out.add(new DatasetView(name, count, null, root + name + "/")));
        return out;
    }

    /** Number of images in a tenant's dataset (0 when there is none). */
    static int count(ObjectStore store, String tenant, String name) {
        return (int) store.list(Buckets.DATA, ObjectKeys.dataset(tenant, name)).stream()
                .filter(k -> !k.endsWith("/")).count();
    }

    private void readZip(FileUpload archive, Accepted accepted) {
        long perImage = config.limits().maxUploadBytes();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive.uploadedFile()))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory() || baseName(entry.getName()).startsWith(".")) {
                    continue;
                }
                byte[] bytes = readAtMost(zip, perImage);
                if (bytes == null) {
                    accepted.skipped++;
                    continue;
                }
                accepted.offer(entry.getName(), bytes);
            }
        } catch (IOException | IllegalArgumentException e) {
            if (accepted.kept.isEmpty() && accepted.skipped == 0) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "archive", "archive: not a readable zip file ("
                        + e.getMessage() + ")");
            }
            accepted.skipped++; // a corrupt tail: keep what was read
        }
    }

    /** The entry's bytes, or null when it is longer than {@code max} (the rest is skipped unread). */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private record Image(byte[] bytes, ImageHeader header) {}

    /** The images kept so far, by safe unique object name, and how many were skipped. */
    private final class Accepted {
        final Map<String, Image> kept = new TreeMap<>();
        final Set<String> names = new HashSet<>();
        int skipped;

        void offer(String fileName, byte[] bytes) {
            if (kept.size() >= config.api().maxDatasetImages()) {
                skipped++;
                return;
            }
            ImageHeader header;
            try {
                header = DatasetResource.this.images.validate(bytes);
            } catch (ApiException e) {
                skipped++;
                return;
            }
            String base = baseName(fileName == null ? "image" : fileName).replaceAll("[^A-Za-z0-9._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) {
                base = "image" + base;
            }
            String unique = base;
            for (int i = 1; !names.add(unique.toLowerCase(Locale.ROOT)); i++) {
                unique = i + "-" + base;
            }
            kept.put(unique, new Image(bytes, header));
        }
    }
}
