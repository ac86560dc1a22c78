package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datasets upload DIR --name NAME}: the files under DIR as one zip archive
 * ({@code POST /v1/datasets}, part {@code archive}). Photos are already compressed, so the archive only
 * stores them; the server decides what is an image and reports what it skipped.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload a folder of training photos as a dataset (sub-folders included, hidden files left out).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:uploaded", "2:usage error or refused (bad name, no images)", "3:server unreachable or server error"})
final class DatasetUploadCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of photos (PNG, JPEG, WebP).")
    Path dir;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The dataset's name.")
    String name;

    @Override
    int execute(ApiClient client) {
        if (!Files.isDirectory(dir)) {
            throw usage("DIR: not a folder: " + dir);
        }
        byte[] zip;
        int files;
        try {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.filter(Files::isRegularFile).filter(p -> !hidden(dir.relativize(p))).sorted().toList();
            }
            if (paths.isEmpty()) {
                throw usage("DIR: no files in " + dir);
            }
            files = paths.size();
            zip = zip(dir, paths);
        } catch (IOException e) {
            throw usage("DIR: cannot read " + dir + ": " + e.getMessage());
        }
        MultipartBody form = new MultipartBody().field("name", name).file("archive", name + ".zip", "application/zip", zip);
        JsonNode result = Uploads.post(client, "v1/datasets", form, ProgressBar.forCommand(err(), api.json),
                "upload " + files + " files");
        if (api.json) {
            printJson(result);
        } else {
            out().println("dataset " + result.path("name").asText(name) + ": " + result.path("imageCount").asInt()
                    + " images" + skipped(result.path("skipped")));
            out().flush();
        }
        return 0;
    }

    private static String skipped(JsonNode s) {
        int n = s.isArray() ? s.size() : s.asInt(0);
        return n == 0 ? "" : ", " + n + " skipped" + (s.isArray() ? ": " + s : "");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static byte[] zip(Path root, List<Path> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(root.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
