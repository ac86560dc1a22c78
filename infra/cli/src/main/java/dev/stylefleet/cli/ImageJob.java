package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code stylize} and {@code super-resolve} share: upload one image as an inference job
 * ({@code POST /v1/jobs}), follow it, and write the result where the user asked.
 */
final class ImageJob {
    private ImageJob() {}

    /** Reads the input, or names the problem as a usage error. */
    static byte[] readInput(ApiCommand cmd, Path input) {
        if (!Files.isRegularFile(input)) {
            throw cmd.usage("IN: no such file: " + input);
        }
        try {
            return Files.readAllBytes(input);
        } catch (IOException e) {
            throw cmd.usage("IN: cannot read " + input + ": " + e.getMessage());
        }
    }

    /** {@code photo.jpg} + model {@code bicubic-x4} + png → {@code photo-bicubic-x4.png} next to the input. */
    static Path defaultOutput(Path input, String model, String format) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = "jpeg".equals(format) ? "jpg" : format;
        return input.resolveSibling(base + "-" + model + "." + ext);
    }

    /** The output format: --format if given, else from OUT's extension, else png. */
    static String format(String option, Path output) {
        if (option != null) {
            return option;
        }
        if (output != null) {
            String n = output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
                return "jpeg";
            }
            if (n.endsWith(".webp")) {
                return "webp";
            }
        }
        return "png";
    }

    /** Uploads, follows, downloads; returns the exit code. */
    static int run(ApiCommand cmd, ApiClient api, Path input, byte[] image, MultipartBody form, Path output,
            boolean wait) {
        ProgressBar bar = ProgressBar.forCommand(cmd.err(), cmd.api.json);
        form.file("image", input.getFileName().toString(), "application/octet-stream", image);
        JsonNode accepted = Uploads.post(api, "v1/jobs", form, bar, "upload " + input.getFileName());
        String id = accepted.path("id").asText();
        if (!wait) {
            if (cmd.api.json) {
                cmd.printJson(accepted);
            } else {
                cmd.out().println(id);
            }
            return 0;
        }
        if (!cmd.api.json) {
            cmd.err().println("job " + id + " " + accepted.path("state").asText());
        }
        JsonNode done = new JobWatcher(api, bar, (type, value) -> {}).watch(id);
        if (!"SUCCEEDED".equals(done.path("state").asText())) {
            if (cmd.api.json) {
                cmd.printJson(done);
            }
            JobWatcher.printOutcome(cmd.err(), done);
            return StylefleetCli.EXIT_JOB_FAILED;
        }
        byte[] result = api.getBytes(done.path("result").path("url").asText());
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(output, result);
        } catch (IOException e) {
            throw cmd.usage("-o: cannot write " + output + ": " + e.getMessage());
        }
        if (cmd.api.json) {
            cmd.printJson(done);
        } else {
            JsonNode r = done.path("result");
            cmd.out().println("wrote " + output + " (" + r.path("width").asInt() + " x " + r.path("height").asInt()
                    + ", " + r.path("contentType").asText() + ", " + JobDisplay.bytes(result.length)
                    + (r.hasNonNull("precision") ? ", " + r.path("precision").path("used").asText() : "") + ") job " + id);
        }
        return 0;
    }
}
