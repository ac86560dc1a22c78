package dev.stylefleet.cli;

import dev.stylefleet.infra.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system as a user runs it: the embedded Kafka and S3 server, the gateway and the workers as
 * separate JVMs started from this build, driven over HTTP.
 */
class FleetIT {
    static final String KEY = "local-dev-key";
    static Fleet fleet;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path logs = Files.createTempDirectory("fleet-it-logs");
        FleetConfig config = new FleetConfig(Launcher.repoRoot(), LocalStackConfig.ephemeral(),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), logs,
                // Redelivery after a crash waits for the dead consumer's session to expire: keep it short.
                Map.of("stylefleet.infer.session-timeout", "PT6S"));
        fleet = Fleet.start(config);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void superResolvesAPhotoEndToEndAndMatchesAnIndependentBicubic() throws Exception {
        BufferedImage input = TestImages.gradientWithNoise(37, 23, 7);
        String location = submit(TestImages.png(input));
        JsonNode job = awaitTerminal(location);

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("width").asInt()).isEqualTo(37 * 4);
        assertThat(job.path("result").path("height").asInt()).isEqualTo(23 * 4);

        HttpResponse<byte[]> png = get(job.path("result").path("url").asText(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(out.getWidth()).isEqualTo(37 * 4);
        assertThat(out.getHeight()).isEqualTo(23 * 4);

        // ONNX Runtime computes in float32, the reference in double: after rounding to 8 bits the two
        // may differ by one level where the exact value sits near a .5 boundary, never more.
        double[][][] ref = ReferenceBicubic.upscale(input, 4);
        int maxDiff = 0;
        long sumDiff = 0;
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int rgb = out.getRGB(x, y);
                int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs(got[c] - ReferenceBicubic.toByte(ref[c][y][x]));
                    maxDiff = Math.max(maxDiff, d);
                    sumDiff += d;
                }
            }
        }
        assertThat(maxDiff).as("max per-channel difference in 8-bit levels").isLessThanOrEqualTo(1);
        assertThat(sumDiff / (3.0 * out.getWidth() * out.getHeight())).as("mean difference").isLessThan(0.05);
    }

    @Test
    void aWorkerKilledMidJobIsReplacedAndTheJobEndsOnceWithOneResult() throws Exception {
        // Hold the worker between taking the job (RUNNING) and running it, so that the kill lands there.
        fleet.restart(Service.INFER_WORKER, Map.of("stylefleet.infer.pause-before-run", "PT120S"));
        String location = submit(TestImages.png(TestImages.gradientWithNoise(20, 16, 11)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(location).path("state").asText().equals("RUNNING"));

        fleet.process(Service.INFER_WORKER).kill();
        fleet.restart(Service.INFER_WORKER);

        JsonNode job = awaitTerminal(location);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("width").asInt()).isEqualTo(80);
        String id = job.path("id").asText();
        assertThat(fleet.stack().objectStore().list(Buckets.DATA, "results/" + id + "/")).hasSize(1);
    }

    private static String submit(byte[] png) throws IOException, InterruptedException {
        MultipartBody form = new MultipartBody().file("image", "photo.png", "image/png", png)
                .field("task", "super-resolve").field("model", "bicubic-x4");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fleet.gatewayUrl() + "/v1/jobs"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String location = r.headers().firstValue("location").orElseThrow();
        return location.startsWith("http") ? location : fleet.gatewayUrl() + location;
    }

    private static JsonNode awaitTerminal(String location) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(location), j -> j.path("state").asText().matches("SUCCEEDED|FAILED|CANCELLED"));
    }

    private static JsonNode job(String location) throws IOException, InterruptedException {
        HttpResponse<String> r = get(location, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Messages.JSON.readTree(r.body());
    }

    private static <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .GET().build(), handler);
    }

}
