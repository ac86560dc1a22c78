package dev.stylefleet.cli;

import dev.stylefleet.infra.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.infra.LocalStackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Takes the README's screenshots of the web page (docs/images/screenshot-*.png) in headless Chromium
 * against a fleet started from this build: the upload step, a style training job in progress (loss plot
 * and preview), and a result with the compare slider. The training job is small (96-pixel crops, width
 * 0.5, 3000 steps) so that it runs in minutes on a laptop CPU. Not a test; run by hand (see docs/web.md):
 *
 * <pre>
 * ./mvnw -q -pl infra/cli exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.stylefleet.cli.PageScreenshots \
 *   -Dexec.args="OUT_DIR PHOTO PAINTING [VGG16_H5]"
 * </pre>
 *
 * Without a VGG-16 weights file the training screenshot is left out (training fails with
 * LOSS_NETWORK_UNAVAILABLE).
 */
public final class PageScreenshots {
    static final String KEY = "local-dev-key";
    static final Duration JOB_DEADLINE = Duration.ofMinutes(8);

    private PageScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path photo = Path.of(args[1]).toAbsolutePath();
        Path painting = Path.of(args[2]).toAbsolutePath();
        Path vgg = args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null;
        Files.createDirectories(out);
        Map<String, String> extra = new HashMap<>();
        if (vgg != null) {
            extra.put("stylefleet.train.vgg16.weights-path", vgg.toString());
        }
        Path logs = Files.createTempDirectory("screenshot-fleet-logs");
        try (Fleet fleet = Fleet.start(new FleetConfig(Launcher.repoRoot(), LocalStackConfig.ephemeral(),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), logs, extra))) {
            ApiClient api = new ApiClient(fleet.gatewayUrl(), KEY);
            ChromeDriver browser = Browser.start(1280, 980);
            try {
                String trainJob = null;
                if (vgg != null) {
                    trainJob = trainingScreenshot(fleet, api, browser, photo, painting, out);
                }
                uploadScreenshot(fleet, browser, photo, out);
                resultScreenshot(browser, out);
                System.out.println("screenshots in " + out + (trainJob == null ? "" : "; training job " + trainJob));
            } finally {
                browser.quit();
            }
        }
    }

    static String trainingScreenshot(Fleet fleet, ApiClient api, ChromeDriver browser, Path photo, Path painting,
            Path out)
            throws Exception {
        // The worker's previews show the dataset's first image through the network: make that the photo.
        MultipartBody dataset = new MultipartBody().field("name", "screenshot-photos")
                .file("images", "a0.png", "image/png", Files.readAllBytes(photo));
        for (int i = 0; i < 7; i++) {
            dataset.file("images", "p" + i + ".png", "image/png", TestImages.png(TestImages.gradientWithNoise(96, 96, i)));
        }
        api.postMultipart("v1/datasets", dataset, (s, t) -> {});
        MultipartBody style = new MultipartBody().field("name", "starry-night").field("dataset", "screenshot-photos")
                .field("iterations", 3000).field("imageSize", 96).field("styleSize", 160).field("width", 0.5)
                .field("batchSize", 2).field("progressEvery", 10).field("checkpointEvery", 100)
                .file("styleImage", painting.getFileName().toString(), "image/jpeg", Files.readAllBytes(painting));
        String id = api.postMultipart("v1/styles", style, (s, t) -> {}).path("id").asText();

        browser.get(fleet.gatewayUrl() + "/#job=" + id);
        until(() -> progressStep(api, id) >= 1200 || terminal(api, id), "training reaches step 1200");
        JsonNode view = api.getJson("v1/jobs/" + id);
        if (JobFollower.terminal(view) && !"SUCCEEDED".equals(view.path("state").asText())) {
            throw new IllegalStateException("the training job ended early: " + view);
        }
        until(() -> {
            String src = browser.findElement(By.id("preview-image")).getAttribute("src");
            return src != null && !src.isEmpty();
        }, "a preview is shown");
        scrollTo(browser, "step-progress");
        shoot(browser, out.resolve("screenshot-progress.png"));
        until(() -> terminal(api, id), "training ends");
        return id;
    }

    static void uploadScreenshot(Fleet fleet, ChromeDriver browser, Path photo, Path out) throws Exception {
        browser.get(fleet.gatewayUrl() + "/");
        browser.navigate().refresh();
        until(() -> !browser.findElements(By.cssSelector("#sr-models .choice")).isEmpty(), "the models are listed");
        browser.findElement(By.id("photo-input")).sendKeys(photo.toString());
        until(() -> browser.findElement(By.id("photo-info")).getText().contains("×"), "the photo is shown");
        var styles = browser.findElements(By.cssSelector("#style-gallery .choice:not([disabled])"));
        if (!styles.isEmpty()) {
            styles.get(0).click();
        }
        shoot(browser, out.resolve("screenshot-upload.png"));
    }

    static void resultScreenshot(ChromeDriver browser, Path out) throws Exception {
        browser.findElement(By.cssSelector("[data-tab='super-resolve']")).click();
        browser.findElement(By.cssSelector("#sr-models [data-model='bicubic-x4']")).click();
        browser.findElement(By.id("run")).click();
        WebElement result = browser.findElement(By.id("result-image"));
        until(() -> browser.findElement(By.id("step-result")).isDisplayed()
                && ((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", result)).intValue() > 0,
                "the result is shown");
        ((JavascriptExecutor) browser).executeScript(
                "const r = document.querySelector('#compare input[type=range]'); r.value = 40; r.dispatchEvent(new Event('input'));");
        scrollTo(browser, "step-result");
        shoot(browser, out.resolve("screenshot-result.png"));
    }

    static long progressStep(ApiClient api, String id) {
        return api.getJson("v1/jobs/" + id).path("progress").path("step").asLong(0);
    }

    static boolean terminal(ApiClient api, String id) {
        JsonNode v = api.getJson("v1/jobs/" + id);
        return JobFollower.terminal(v);
    }

    static void scrollTo(ChromeDriver browser, String id) {
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'});"
                        + "window.scrollBy(0, -70);", id);
    }

    static void shoot(ChromeDriver browser, Path file) throws Exception {
        // Let smooth scrolling and image decoding settle: two animation frames.
        ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + file);
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(JOB_DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(250);
        }
    }
}
