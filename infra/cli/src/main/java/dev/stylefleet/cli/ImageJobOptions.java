package dev.stylefleet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every one-image command ({@code stylize}, {@code super-resolve}) takes besides its model: the
 * input, where the result goes, its format and quality, and whether to wait. A picocli mixin.
 */
final class ImageJobOptions {
    @Parameters(index = "0", paramLabel = "IN", description = "The photo (PNG, JPEG or WebP).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Where to save the result (default: IN's name plus the model id, next to IN).")
    Path output;

    @Option(names = "--format", paramLabel = "FMT", description = "png, jpeg or webp (default: from OUT's extension, else png).")
    String format;

    @Option(names = "--quality", paramLabel = "1..100", description = "JPEG/WebP quality.")
    Integer quality;

    @Option(names = "--precision", paramLabel = "P",
            description = "fp32, int8 or auto (default auto: int8 when the model has an int8 variant and the "
                    + "server's CPU has VNNI/AMX; see 'stylefleet models').")
    String precision;

    @Option(names = "--no-wait", description = "Print the job id and return at once (follow it with 'stylefleet watch').")
    boolean noWait;

    byte[] readInput(ApiCommand cmd) {
        return ImageJob.readInput(cmd, input);
    }

    /** The form fields every image job sends; the command adds its own options. */
    MultipartBody form(String task, String model) {
        return new MultipartBody().field("task", task).field("model", model)
                .field("format", ImageJob.format(format, output)).field("quality", quality)
                .field("precision", precision);
    }

    /** Submits the job and, unless --no-wait, follows it and saves the result. */
    int submit(ApiCommand cmd, ApiClient api, byte[] image, String model, MultipartBody form) {
        Path out = output != null ? output : ImageJob.defaultOutput(input, model, ImageJob.format(format, output));
        return ImageJob.run(cmd, api, input, image, form, out, !noWait);
    }
}
