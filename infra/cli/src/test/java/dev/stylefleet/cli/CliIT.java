package dev.stylefleet.cli;

import dev.stylefleet.infra.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.platform.storage.ModelRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every CLI command against the whole system (local stack, gateway, workers), run in-process through
 * the same {@link StylefleetCli#commandLine()} as {@code ./stylefleet}, plus the built jar as a child
 * process for the environment-variable defaults and the real exit status.
 */
@ExtendWith(SharedFleet.class)
class CliIT {
    /** A stylize model whose output is 255 - input: the test can predict every pixel. */
    static final String NEGATIVE = "cli-negative";
    /** A stylize model whose ONNX bytes are garbage: the worker fails the job (MODEL_INVALID). */
    static final String BROKEN = "cli-broken";

    static Fleet fleet;
    @TempDir
    static Path dir;
    static Path photo;
    static BufferedImage photoImage;

    @BeforeAll
    static void models(Fleet shared) throws IOException {
        fleet = shared;
        ModelRegistry registry = new ModelRegistry(fleet.stack().objectStore());
        registry.publish(NEGATIVE, "1", "stylize", 1, "test: 255 - image", TinyOnnx.negative(), null, null, Map.of());
        registry.publish(BROKEN, "1", "stylize", 1, "test: not ONNX",
                "this is not an ONNX model".getBytes(StandardCharsets.UTF_8), null, null, Map.of());
        photoImage = TestImages.gradientWithNoise(29, 19, 5);
        photo = dir.resolve("photo.png");
        Files.write(photo, TestImages.png(photoImage));
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Messages.JSON.readTree(out);
        }
    }

    /** Runs {@code stylefleet <args> --server <fleet>} in this JVM. */
    static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--server")) {
            all.add("--server");
            all.add(fleet.gatewayUrl());
        }
        CommandLine cl = StylefleetCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@link #cli} with another API key (after the command's own arguments, where picocli takes it). */
    static Run cliAs(String apiKey, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api-key");
        all.add(apiKey);
        return cli(all.toArray(String[]::new));
    }

    // ---- super-resolve ----

    @Test
    void superResolveSavesAFourTimesLargerImage() throws Exception {
        Path out = dir.resolve("sr/photo-x4.png");
        Run r = cli("super-resolve", photo.toString(), "--scale", "4", "-o", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29 * 4);
        assertThat(img.getHeight()).isEqualTo(19 * 4);
        assertThat(r.out()).startsWith("wrote " + out).contains("116 x 76");
    }

    @Test
    void superResolveJsonPrintsTheFinishedJobAndTheFormatFollowsTheFileName() throws Exception {
        Path out = dir.resolve("photo-x8.jpg");
        Run r = cli("super-resolve", photo.toString(), "--scale", "8", "-o", out.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode job = r.json();
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("model").asText()).isEqualTo("bicubic-x8");
        assertThat(job.path("result").path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(job.path("result").path("width").asInt()).isEqualTo(29 * 8);
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes[0] & 0xff).isEqualTo(0xFF); // JPEG SOI
        assertThat(bytes[1] & 0xff).isEqualTo(0xD8);
    }

    @Test
    void superResolveWithAScaleNoModelHasIsAUsageError() {
        Run r = cli("super-resolve", photo.toString(), "--scale", "3", "-o", dir.resolve("x3.png").toString());
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("--scale").contains("x4").contains("x8");
    }

    // ---- stylize ----

    @Test
    void stylizeRunsTheModelAndSavesItsOutput() throws Exception {
        Path out = dir.resolve("negative.png");
        Run r = cli("stylize", photo.toString(), "--style", NEGATIVE, "-o", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29);
        for (int y = 0; y < 19; y++) {
            for (int x = 0; x < 29; x++) {
                int in = photoImage.getRGB(x, y);
                int got = img.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertThat((got >> shift) & 0xff).as("pixel %d,%d", x, y)
                            .isCloseTo(255 - ((in >> shift) & 0xff), org.assertj.core.data.Offset.offset(1));
                }
            }
        }
    }

    @Test
    void aJobThatFailsExitsWithFourAndSaysWhy() {
        Path out = dir.resolve("broken.png");
        Run r = cli("stylize", photo.toString(), "--style", BROKEN, "-o", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(StylefleetCli.EXIT_JOB_FAILED);
        assertThat(r.err()).contains("FAILED").contains("MODEL_INVALID");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownStyleIsRefusedWithExitTwoAndTheServersCode() throws Exception {
        Run r = cli("stylize", photo.toString(), "--style", "no-such-style", "-o", dir.resolve("x.png").toString());
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("UNKNOWN_MODEL").contains("model");

        Run json = cli("stylize", photo.toString(), "--style", "no-such-style", "--json");
        assertThat(json.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(json.json().path("error").path("code").asText()).isEqualTo("UNKNOWN_MODEL");
    }

    @Test
    void aFileThatIsNoImageIsRefusedWithExitTwo() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        Run r = cli("super-resolve", text.toString(), "-o", dir.resolve("n.png").toString());
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("UNSUPPORTED_IMAGE_TYPE");
    }

    @Test
    void usageErrorsExitWithTwoBeforeAnythingIsSent() {
        Run missing = cli("stylize", dir.resolve("nope.png").toString(), "--style", NEGATIVE);
        assertThat(missing.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(missing.err()).contains("IN: no such file");

        Run noStyle = cli("stylize", photo.toString());
        assertThat(noStyle.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(noStyle.err()).contains("--style");

        Run unknownOption = cli("status", "--frobnicate");
        assertThat(unknownOption.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);

        Run badId = cli("status", "not-an-id");
        assertThat(badId.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(badId.err()).contains("32 lowercase hex digits");
    }

    @Test
    void anUnreachableServerExitsWithThree() throws Exception {
        String nobody = "http://127.0.0.1:" + FreePorts.pick();
        Run r = cli("super-resolve", photo.toString(), "--server", nobody, "-o", dir.resolve("u.png").toString());
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_SERVER);
        assertThat(r.err()).contains("cannot reach the server at " + nobody);
    }

    @Test
    void aWrongApiKeyIsRefusedWithExitTwo() {
        Run r = cli("status", "0123456789abcdef0123456789abcdef", "--api-key", "wrong-key");
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("UNAUTHENTICATED");
    }

    // ---- status and watch ----

    @Test
    void statusAndWatchFollowASubmittedJob() throws Exception {
        Run submitted = cli("super-resolve", photo.toString(), "--no-wait");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(id).matches(JobIdArgument.PATTERN);

        Run watch = cli("watch", id);
        assertThat(watch.exit()).as(watch.err()).isZero();
        assertThat(watch.out()).contains("state     SUCCEEDED").contains("116 x 76");

        Run status = cli("status", id, "--json");
        assertThat(status.exit()).isZero();
        assertThat(status.json().path("id").asText()).isEqualTo(id);
        assertThat(status.json().path("state").asText()).isEqualTo("SUCCEEDED");

        Run human = cli("status", id);
        assertThat(human.out()).contains("id        " + id).contains("model     bicubic-x4");
    }

    @Test
    void watchJsonPrintsOneEventPerLineEndingWithTheTerminalState() throws Exception {
        String id = cli("stylize", photo.toString(), "--style", NEGATIVE, "--no-wait").out().strip();
        Run watch = cli("watch", id, "--json");

        assertThat(watch.exit()).as(watch.err()).isZero();
        List<String> lines = watch.out().lines().toList();
        assertThat(lines).isNotEmpty();
        JsonNode last = Messages.JSON.readTree(lines.get(lines.size() - 1));
        assertThat(last.path("event").asText()).isEqualTo("state");
        assertThat(last.path("data").path("state").asText()).isEqualTo("SUCCEEDED");
        for (String line : lines) {
            assertThat(Messages.JSON.readTree(line).path("event").asText()).isIn("state", "progress");
        }
    }

    @Test
    void statusAndWatchOfAFailedJobExitWithFour() {
        String id = cli("stylize", photo.toString(), "--style", BROKEN, "--no-wait").out().strip();
        Run watch = cli("watch", id);
        assertThat(watch.exit()).isEqualTo(StylefleetCli.EXIT_JOB_FAILED);
        assertThat(watch.out()).contains("MODEL_INVALID");
        Run status = cli("status", id);
        assertThat(status.exit()).isEqualTo(StylefleetCli.EXIT_JOB_FAILED);
        assertThat(status.out()).contains("state     FAILED");
    }

    @Test
    void statusOfAnUnknownJobExitsWithTwo() {
        Run r = cli("status", "0123456789abcdef0123456789abcdef");
        assertThat(r.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("JOB_NOT_FOUND");
    }

    // ---- the built jar: environment defaults and real exit statuses ----

    @Test
    void theJarTakesServerAndKeyFromTheEnvironmentAndExitsWithTheCodes() throws Exception {
        Path jar = Launcher.repoRoot().resolve("infra/cli/target/stylefleet-cli.jar");
        assertThat(jar).as("the packaged CLI (mvn package runs before the integration tests)").isRegularFile();
        String ok = cli("super-resolve", photo.toString(), "--no-wait").out().strip();
        String failed = cli("stylize", photo.toString(), "--style", BROKEN, "--no-wait").out().strip();
        cli("watch", ok);
        cli("watch", failed);

        Map<String, String> env = Map.of("STYLEFLEET_SERVER", fleet.gatewayUrl(), "STYLEFLEET_API_KEY", "local-dev-key");
        assertThat(java(jar, env, "status", ok).exit()).isZero();
        assertThat(java(jar, env, "status", failed).exit()).isEqualTo(StylefleetCli.EXIT_JOB_FAILED);
        Run badKey = java(jar, Map.of("STYLEFLEET_SERVER", fleet.gatewayUrl(), "STYLEFLEET_API_KEY", "wrong"), "status", ok);
        assertThat(badKey.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(badKey.err()).contains("UNAUTHENTICATED");
        Run noServer = java(jar, Map.of("STYLEFLEET_SERVER", "http://127.0.0.1:" + FreePorts.pick()), "status", ok);
        assertThat(noServer.exit()).isEqualTo(StylefleetCli.EXIT_SERVER);
    }

    static Run java(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("STYLEFLEET_SERVER");
        pb.environment().remove("STYLEFLEET_API_KEY");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI process ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    // ---- listings, imports, datasets, training (endpoints of the gateway's issue 5) ----

    @Test
    void modelsListsTheBuiltInUpscalers() throws Exception {
        Run r = cli("models");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ID").contains("bicubic-x4").contains("bicubic-x8");
        Run json = cli("models", "--json");
        assertThat(json.json().findValuesAsText("id")).contains("bicubic-x4", "bicubic-x8");
    }

    @Test
    void modelsImportAddsAModelThatStylizesAndRefusesGarbage() throws Exception {
        Path onnx = dir.resolve("imported-negative.onnx");
        Files.write(onnx, TinyOnnx.negative());
        Run r = cli("models", "import", onnx.toString(), "--task", "stylize");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported model imported-negative");
        assertThat(cli("models", "--json").json().findValuesAsText("id")).contains("imported-negative");
        Run used = cli("stylize", photo.toString(), "--style", "imported-negative", "-o", dir.resolve("imp.png").toString());
        assertThat(used.exit()).as(used.err()).isZero();

        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "not onnx");
        Run refused = cli("models", "import", garbage.toString());
        assertThat(refused.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(refused.err()).contains("MODEL_INVALID");
    }

    @Test
    void modelsImportProbesAPytorchExamplesExportThatThenStylizesAndRefusesItAtTheWrongScale() throws Exception {
        // Laid out like pytorch/examples fast_neural_style exported with opset 11 and no input_names:
        // input.1 fixed at [1,3,64,64], reflect pads, instance norm, nearest upsampling.
        Path onnx = dir.resolve("torch-export.onnx");
        Files.write(onnx, StyleNetOnnx.buildPytorchExport(
                StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.RESIZE, 17), 64, 64));
        Run imported = cli("models", "import", onnx.toString(), "--task", "stylize", "--id", "cli-torch-export");
        assertThat(imported.exit()).as(imported.err()).isZero();

        Path out = dir.resolve("torch-styled.png");
        Run used = cli("stylize", photo.toString(), "--style", "cli-torch-export", "-o", out.toString());
        assertThat(used.exit()).as(used.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29);
        assertThat(img.getHeight()).isEqualTo(19);

        Run wrongScale = cli("models", "import", onnx.toString(), "--task", "super-resolve", "--scale", "4",
                "--id", "cli-torch-export-x4");
        assertThat(wrongScale.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(wrongScale.err()).contains("MODEL_INVALID").contains("stylize");
        assertThat(cli("models", "--json").json().findValuesAsText("id")).contains("cli-torch-export")
                .doesNotContain("cli-torch-export-x4");
    }

    @Test
    void datasetsUploadCountsTheImagesAndListsTheDataset(@TempDir Path photos) throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.write(photos.resolve("p" + i + ".png"), TestImages.png(TestImages.gradientWithNoise(40, 30, i)));
        }
        Files.writeString(photos.resolve("readme.txt"), "not an image");
        Run r = cli("datasets", "upload", photos.toString(), "--name", "cli-photos", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().path("imageCount").asInt()).isEqualTo(3);
        Run list = cli("datasets");
        assertThat(list.out()).contains("cli-photos");

        Run notDir = cli("datasets", "upload", photo.toString(), "--name", "x");
        assertThat(notDir.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
    }

    @Test
    void stylesListsTheBuiltinsAndStylizeTakesABuiltinId() throws Exception {
        Run list = cli("styles");
        assertThat(list.exit()).as(list.err()).isZero();
        String line = list.out().lines().filter(l -> l.contains(SharedFleet.BUILTIN_STYLE)).findFirst().orElseThrow();
        assertThat(line).contains(SharedFleet.BUILTIN_STYLE_NAME).contains("built-in").contains("READY");
        JsonNode json = cli("styles", "--json").json();
        assertThat(json.get(0).path("builtin").asBoolean()).as("built-ins first").isTrue();

        Path out = dir.resolve("builtin.png");
        Run r = cli("stylize", photo.toString(), "--style", SharedFleet.BUILTIN_STYLE, "-o", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29);
        assertThat(img.getHeight()).isEqualTo(19);
        // By its display name as well.
        Run byName = cli("stylize", photo.toString(), "--style", SharedFleet.BUILTIN_STYLE_NAME, "-o",
                dir.resolve("by-name.png").toString());
        assertThat(byName.exit()).as(byName.err()).isZero();
    }

    @Test
    void stylesListsAndTrainStyleRefusesAnUnknownDataset() throws Exception {
        Run list = cli("styles", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.json().isArray()).isTrue();

        Run r = cli("train-style", photo.toString(), "--dataset", "no-such-dataset", "--iterations", "2");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(r.err()).contains("dataset");

        Run missing = cli("train-style", dir.resolve("nope.jpg").toString(), "--dataset", "x");
        assertThat(missing.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
    }

    @Test
    void trainStyleTrainsAStyleThatStylizesAndIsListed(@TempDir Path photos) throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.write(photos.resolve("p" + i + ".png"), TestImages.png(TestImages.gradientWithNoise(48, 48, 20 + i)));
        }
        assertThat(cli("datasets", "upload", photos.toString(), "--name", "cli-train").exit()).isZero();
        Path painting = dir.resolve("painting.png");
        Files.write(painting, TestImages.png(TestImages.gradientWithNoise(64, 64, 99)));

        // Small on purpose: a quarter-width network on 32-pixel crops (the loss network is SharedFleet's
        // random VGG file), enough for progress events, previews and a published model.
        Run r = cli("train-style", painting.toString(), "--dataset", "cli-train", "--name", "cli-style",
                "--iterations", "20", "--image-size", "32", "--style-size", "32", "--width", "0.25",
                "--batch-size", "2", "--progress-every", "5", "--checkpoint-every", "10", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode job = r.json();
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("lossHistory").findValuesAsText("step")).containsExactly("5", "10", "15", "20");
        String modelId = job.path("result").path("modelId").asText();
        assertThat(modelId).isNotEmpty();

        JsonNode style = null;
        for (JsonNode s : cli("styles", "--json").json()) {
            if (s.path("name").asText().equals("cli-style")) {
                style = s;
            }
        }
        assertThat(style).isNotNull();
        assertThat(style.path("state").asText()).isEqualTo("READY");
        assertThat(style.path("modelId").asText()).isEqualTo(modelId);
        assertThat(cli("styles").out()).contains("cli-style").contains("READY");

        Path out = dir.resolve("trained.png");
        Run stylized = cli("stylize", photo.toString(), "--style", "cli-style", "-o", out.toString());
        assertThat(stylized.exit()).as(stylized.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29);
        assertThat(img.getHeight()).isEqualTo(19);
    }

    /**
     * Under a second tenant: the model it trains is then no other test's default for super-resolve x4
     * (the CLI prefers the caller's own trained models to the built-ins).
     */
    @Test
    void trainSrTrainsAnUpscalerThatSuperResolves(@TempDir Path photos) throws Exception {
        String key = SharedFleet.SECOND_TENANT_KEY;
        for (int i = 0; i < 3; i++) {
            Files.write(photos.resolve("p" + i + ".png"), TestImages.png(TestImages.gradientWithNoise(48, 40, 40 + i)));
        }
        assertThat(cliAs(key, "datasets", "upload", photos.toString(), "--name", "cli-sr").exit()).isZero();

        // Tiny on purpose: a quarter-width x4 network on 32-pixel patches (8-pixel inputs), 4 steps of the
        // pixel loss; the new schedule and degradation go through --param.
        Run r = cliAs(key, "train-sr", "--dataset", "cli-sr", "--name", "cli-sr-x4", "--scale", "4", "--iterations", "4",
                "--image-size", "32", "--width", "0.25", "--batch-size", "2", "--progress-every", "2",
                "--checkpoint-every", "4", "--loss", "pixel", "--param", "lrDecay=cosine", "--param",
                "degradation=bicubic");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).startsWith("training job ").contains("for upscaler 'cli-sr-x4' (x4) QUEUED");
        assertThat(r.out()).contains("upscaler trained: model cli-sr-x4");
        String jobId = r.err().substring("training job ".length()).split(" ")[0];
        JsonNode job = cliAs(key, "status", jobId, "--json").json();
        assertThat(job.path("task").asText()).isEqualTo("super-resolve");
        assertThat(job.path("upscaler").path("id").asText()).isEqualTo("cli-sr-x4");
        assertThat(job.path("lossHistory").findValuesAsText("step")).containsExactly("2", "4");
        assertThat(job.path("lossHistory").get(0).path("losses").has("pixel")).isTrue();

        JsonNode model = null;
        for (JsonNode m : cliAs(key, "models", "--json").json()) {
            if (m.path("id").asText().equals("cli-sr-x4")) {
                model = m;
            }
        }
        assertThat(model).isNotNull();
        assertThat(model.path("task").asText()).isEqualTo("super-resolve");
        assertThat(model.path("scale").asInt()).isEqualTo(4);
        assertThat(cliAs(key, "styles").out()).doesNotContain("cli-sr-x4");

        Path out = dir.resolve("trained-sr.png");
        Run upscaled = cliAs(key, "super-resolve", photo.toString(), "--scale", "4", "--model", "cli-sr-x4", "-o", out.toString());
        assertThat(upscaled.exit()).as(upscaled.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(29 * 4);
        assertThat(img.getHeight()).isEqualTo(19 * 4);

        // The name is now a model's: a second training under it is refused (exit 2, the server's code).
        Run taken = cliAs(key, "train-sr", "--dataset", "cli-sr", "--name", "cli-sr-x4", "--no-wait");
        assertThat(taken.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(taken.err()).contains("MODEL_ID_TAKEN");
    }

    @Test
    void trainSrRefusesBadParamsBeforeSendingAndAnUnknownDatasetWithTheServersCode() {
        Run unknownKey = cli("train-sr", "--dataset", "x", "--name", "m", "--param", "skp=bicubic");
        assertThat(unknownKey.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(unknownKey.err()).contains("--param skp: not a training parameter");
        Run twice = cli("train-sr", "--dataset", "x", "--name", "m", "--iterations", "3", "--param", "iterations=4");
        assertThat(twice.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(twice.err()).contains("already set by its own option");
        Run noName = cli("train-sr", "--dataset", "x");
        assertThat(noName.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);

        Run noDataset = cli("train-sr", "--dataset", "no-such-dataset", "--name", "cli-sr-never", "--param", "skip=bicubic");
        assertThat(noDataset.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(noDataset.err()).contains("UNKNOWN_DATASET");
        Run badValue = cli("train-sr", "--dataset", "no-such-dataset", "--name", "cli-sr-never", "--param", "skip=sometimes");
        assertThat(badValue.exit()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(badValue.err()).contains("INVALID_FIELD").contains("skip");
    }

    /** Skips the test while the gateway does not serve {@code path} (HTTP 404 with code NOT_FOUND). */

}
