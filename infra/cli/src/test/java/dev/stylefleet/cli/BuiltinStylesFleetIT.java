package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.schemas.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in style gallery on a fresh stack, through the whole fleet (gateway -> Kafka -> inference
 * worker -> S3) with the models that ship in the worker's jar: {@code GET /v1/styles} lists the six
 * built-ins, and a stylize job with {@code wave} on a generated image of an odd size returns what the
 * shipped model computes in a bare ONNX Runtime session, within 2 levels of 0..255 (the worker's PNG
 * is rounded to 8 bits). That the shipped model is the TensorFlow network of the imported checkpoint
 * is worker-train's BuiltinStylesParityTest (this module does not load TensorFlow).
 */
class BuiltinStylesFleetIT {
    private static final String KEY = "local-dev-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> BUILTINS = List.of("wave", "udnie", "scream", "la-muse", "rain-princess", "wreck");
    private static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        Path logs = Files.createTempDirectory("builtin-styles-fleet-logs");
        fleet = Fleet.start(new FleetConfig(Launcher.repoRoot(), LocalStackConfig.ephemeral(), FreePorts.pick(),
                FreePorts.pick(), FreePorts.pick(), logs, Map.of()));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aFreshStackListsTheSixBuiltInStyles() throws Exception {
        JsonNode styles = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> getJson("/v1/styles"), s -> builtinIds(s).containsAll(BUILTINS));
        assertThat(builtinIds(styles)).containsExactlyInAnyOrderElementsOf(BUILTINS);
        for (JsonNode s : styles.path("items").isArray() ? styles.path("items") : styles) {
            if (s.path("builtin").asBoolean()) {
                HttpResponse<byte[]> preview = get(s.path("previewUrl").asText(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(preview.statusCode()).isEqualTo(200);
                assertThat(ImageIO.read(new ByteArrayInputStream(preview.body()))).as(s.toString()).isNotNull();
            }
        }
    }

    @Test
    void aStylizeJobWithABuiltInMatchesTheTensorFlowNetOfTheImportedCheckpoint() throws Exception {
        int w = 45;
        int h = 37;
        BufferedImage input = TestImages.gradientWithNoise(w, h, 5);
        MultipartBody form = new MultipartBody().file("image", "photo.png", "image/png", TestImages.png(input))
                .field("task", "stylize").field("model", "wave").field("format", "png")
                // fp32 explicitly: the comparison is with the shipped model.onnx on any CPU (auto may pick int8).
                .field("precision", "fp32");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fleet.gatewayUrl() + "/v1/jobs"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String location = r.headers().firstValue("location").orElseThrow();
        String url = location.startsWith("http") ? location : fleet.gatewayUrl() + location;
        JsonNode job = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> Messages.JSON.readTree(get(url, HttpResponse.BodyHandlers.ofString()).body()),
                        j -> j.path("state").asText().matches("SUCCEEDED|FAILED|CANCELLED"));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        HttpResponse<byte[]> result = get(url + "/result", HttpResponse.BodyHandlers.ofByteArray());
        assertThat(result.statusCode()).isEqualTo(200);
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(result.body()));
        assertThat(out.getWidth()).isEqualTo(w);
        assertThat(out.getHeight()).isEqualTo(h);

        float[] nchw = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = input.getRGB(x, y);
                nchw[y * w + x] = (rgb >> 16) & 0xff;
                nchw[h * w + y * w + x] = (rgb >> 8) & 0xff;
                nchw[2 * h * w + y * w + x] = rgb & 0xff;
            }
        }
        float[] expected = shippedModel("wave", nchw, h, w);
        double max = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = out.getRGB(x, y);
                int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    max = Math.max(max, Math.abs(got[c] - expected[c * h * w + y * w + x]));
                }
            }
        }
        System.out.printf("BuiltinStylesFleetIT: wave at %dx%d, worker vs bare ONNX Runtime max |diff| %.3f levels%n",
                w, h, max);
        assertThat(max).as("max |worker - shipped model| in levels of 0..255").isLessThanOrEqualTo(2.0);
    }

    /** The built-in's model.onnx from worker-infer's jar, run on one NCHW image in a bare session. */
    private static float[] shippedModel(String id, float[] nchw, int h, int w) throws Exception {
        byte[] onnx;
        try (InputStream in = BuiltinStylesFleetIT.class.getResourceAsStream("/builtin/styles/" + id + "/model.onnx")) {
            assertThat(in).as("worker-infer's built-in " + id).isNotNull();
            onnx = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, 3, h, w});
                OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }

    private static List<String> builtinIds(JsonNode styles) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : styles.path("items").isArray() ? styles.path("items") : styles) {
            if (s.path("builtin").asBoolean()) {
                ids.add(s.path("id").asText());
            }
        }
        return ids;
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(fleet.gatewayUrl() + path, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Messages.JSON.readTree(r.body());
    }

    private static <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> handler) throws Exception {
        String full = url.startsWith("http") ? url : fleet.gatewayUrl() + url;
        return HTTP.send(HttpRequest.newBuilder(URI.create(full)).header("Authorization", "Bearer " + KEY).GET().build(),
                handler);
    }
}
