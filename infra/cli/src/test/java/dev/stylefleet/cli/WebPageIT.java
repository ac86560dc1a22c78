package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web page at {@code /} in real headless Chromium against the whole system: a person's path from a
 * photo to a result, and what the page says when the server refuses.
 */
@ExtendWith(SharedFleet.class)
class WebPageIT {
    static final Duration JOB_DEADLINE = Duration.ofSeconds(90);

    final Fleet fleet;
    ChromeDriver browser;

    WebPageIT(Fleet fleet) {
        this.fleet = fleet;
    }

    @BeforeEach
    void openPage() {
        // A missing browser fails the test, never skips it: .ci/run installs both packages.
        assertThat(Browser.installed()).as("needs the Debian packages chromium and chromium-driver (.ci/run installs them)").isTrue();
        browser = Browser.start(1280, 1000);
        browser.get(fleet.gatewayUrl() + "/");
        // The page loads its choices (models, styles, datasets) right after start.
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("#sr-models .choice")).isEmpty());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void upscalesAnUploadedPhotoAndShowsTheResultAtFourTimesTheSize(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.png");
        Files.write(photo, TestImages.png(TestImages.gradientWithNoise(45, 31, 3)));

        browser.findElement(By.id("photo-input")).sendKeys(photo.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("photo-info")).getText().contains("45 × 31"));
        browser.findElement(By.cssSelector("[data-tab='super-resolve']")).click();
        browser.findElement(By.cssSelector("#sr-models [data-model='bicubic-x4']")).click();
        WebElement run = browser.findElement(By.id("run"));
        assertThat(run.isEnabled()).isTrue();
        assertThat(run.getText()).isEqualTo("Upscale");
        run.click();

        WebElement result = browser.findElement(By.id("result-image"));
        await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() ->
                browser.findElement(By.id("step-result")).isDisplayed() && naturalSize(result).get(0) > 0);

        assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("SUCCEEDED");
        assertThat(naturalSize(result)).containsExactly(45L * 4, 31L * 4);
        assertThat(result.isDisplayed()).isTrue();
        assertThat(result.getSize().getWidth()).isEqualTo(45 * 4); // shown at its own size: it fits the page
        assertThat(browser.findElement(By.id("result-info")).getText()).startsWith("180 × 124 px");
        WebElement download = browser.findElement(By.id("download"));
        assertThat(download.getAttribute("href")).startsWith("blob:");
        assertThat(download.getAttribute("download")).isEqualTo("photo-bicubic-x4.png");
        // The compare slider shows the input over the result, clipped at the middle.
        assertThat(browser.findElement(By.id("compare-input")).getAttribute("style")).contains("inset(0px 50% 0px 0px)");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void aBuiltinStyleIsOfferedFirstWithItsPreviewAndStylizesAPhoto(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.png");
        Files.write(photo, TestImages.png(TestImages.gradientWithNoise(41, 27, 4)));
        browser.findElement(By.id("photo-input")).sendKeys(photo.toString());

        // Built-ins lead the gallery, each with its preview image (fetched with the key).
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(
                By.cssSelector("#style-gallery .choice.builtin[data-model='" + SharedFleet.BUILTIN_STYLE + "'] .thumb img")).isEmpty());
        WebElement first = browser.findElements(By.cssSelector("#style-gallery .choice")).get(0);
        assertThat(first.getAttribute("class")).contains("builtin");
        WebElement card = browser.findElement(By.cssSelector("#style-gallery [data-model='" + SharedFleet.BUILTIN_STYLE + "']"));
        assertThat(card.findElement(By.className("title")).getText()).isEqualTo(SharedFleet.BUILTIN_STYLE_NAME);
        assertThat(card.findElement(By.className("sub")).getText()).startsWith("built-in");
        assertThat(card.findElement(By.cssSelector(".thumb img")).getAttribute("src")).startsWith("blob:");

        card.click();
        WebElement run = browser.findElement(By.id("run"));
        assertThat(run.getText()).isEqualTo("Stylize");
        await().atMost(Duration.ofSeconds(10)).until(run::isEnabled);
        run.click();
        WebElement result = browser.findElement(By.id("result-image"));
        await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() ->
                browser.findElement(By.id("step-result")).isDisplayed() && naturalSize(result).get(0) > 0);
        assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("SUCCEEDED");
        assertThat(naturalSize(result)).containsExactly(41L, 27L);
    }

    @Test
    void aFileThatIsNoImageGetsTheServersCodeAndAPlainExplanation(@TempDir Path dir) throws Exception {
        Path notAnImage = dir.resolve("notes.png");
        Files.writeString(notAnImage, "these are my holiday notes, not a picture", StandardCharsets.UTF_8);

        browser.findElement(By.id("photo-input")).sendKeys(notAnImage.toString());
        browser.findElement(By.cssSelector("[data-tab='super-resolve']")).click();
        browser.findElement(By.cssSelector("#sr-models [data-model='bicubic-x4']")).click();
        browser.findElement(By.id("run")).click();

        WebElement error = browser.findElement(By.id("error"));
        await().atMost(Duration.ofSeconds(20)).until(error::isDisplayed);
        assertThat(error.findElement(By.className("code")).getText()).isEqualTo("UNSUPPORTED_IMAGE_TYPE");
        assertThat(error.findElement(By.className("heading")).getText()).contains("PNG, JPEG or WebP");
        assertThat(error.findElement(By.className("detail")).getText()).startsWith("image");
        assertThat(browser.findElement(By.id("step-progress")).isDisplayed()).isFalse();
    }

    @Test
    void aWrongApiKeyIsExplainedAndTheRightOneIsRemembered(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.png");
        Files.write(photo, TestImages.png(TestImages.gradientWithNoise(8, 8, 1)));
        WebElement key = browser.findElement(By.id("api-key"));
        assertThat(key.getAttribute("value")).isEqualTo("local-dev-key");
        browser.findElement(By.id("photo-input")).sendKeys(photo.toString());
        browser.findElement(By.cssSelector("[data-tab='super-resolve']")).click();
        browser.findElement(By.cssSelector("#sr-models [data-model='bicubic-x4']")).click();
        key.clear();
        key.sendKeys("not-a-key\n");

        // The page reloads its lists with the new key at once and says why that fails ...
        WebElement error = browser.findElement(By.id("error"));
        await().atMost(Duration.ofSeconds(20)).until(() -> error.isDisplayed()
                && error.findElement(By.className("code")).getText().equals("UNAUTHENTICATED"));
        assertThat(error.findElement(By.className("heading")).getText()).contains("API key");
        // ... keeps what it showed, and a submission is refused the same way.
        error.findElement(By.className("close")).click();
        browser.findElement(By.id("run")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> error.isDisplayed()
                && error.findElement(By.className("code")).getText().equals("UNAUTHENTICATED"));
        assertThat(browser.findElement(By.id("step-progress")).isDisplayed()).isFalse();

        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("api-key")).getAttribute("value")).isEqualTo("not-a-key");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    }

    @Test
    void trainsAStyleFromAPaintingShowingLiveLossesAndPreviewsThenOffersIt(@TempDir Path dir) throws Exception {
        uploadDataset("web-photos", 4);
        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !browser.findElements(By.cssSelector("#dataset option[value='web-photos']")).isEmpty());
        Path painting = dir.resolve("painting.png");
        Files.write(painting, TestImages.png(TestImages.gradientWithNoise(64, 64, 42)));

        browser.findElement(By.cssSelector("[data-tab='train']")).click();
        browser.findElement(By.id("style-image")).sendKeys(painting.toString());
        WebElement name = browser.findElement(By.id("style-name"));
        assertThat(name.getAttribute("value")).isEqualTo("painting"); // from the file name
        name.clear();
        name.sendKeys("web-style");
        browser.findElement(By.cssSelector("#dataset option[value='web-photos']")).click();
        type("iterations", "30");
        type("styleSize", "32");
        browser.findElement(By.cssSelector("#train-form summary")).click();
        type("imageSize", "32");
        type("progressEvery", "5");
        type("checkpointEvery", "10");
        WebElement run = browser.findElement(By.id("run"));
        assertThat(run.getText()).isEqualTo("Train style");
        run.click();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> browser.findElement(By.id("job-state")).getText().equals("SUCCEEDED"));
        assertThat(browser.findElement(By.id("training-view")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("loss-plot")).getAttribute("data-points")).isEqualTo("6");
        WebElement preview = browser.findElement(By.id("preview-image"));
        assertThat(preview.isDisplayed()).isTrue();
        assertThat(naturalSize(preview).get(0)).isPositive();
        assertThat(browser.findElement(By.id("progress-text")).getText()).startsWith("Training finished: model ");
        // The new style is offered in the gallery, with its thumbnail, and selected.
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(
                By.cssSelector("#style-gallery .choice.selected:not([disabled]) .thumb img")).isEmpty());
        WebElement card = browser.findElement(By.cssSelector("#style-gallery .choice.selected"));
        assertThat(card.findElement(By.className("title")).getText()).isEqualTo("web-style");
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.cssSelector("#train-form [name='" + field + "']"));
        input.clear();
        input.sendKeys(value);
    }

    private void uploadDataset(String name, int images) throws Exception {
        MultipartBody form = new MultipartBody().field("name", name);
        for (int i = 0; i < images; i++) {
            form.file("images", "p" + i + ".png", "image/png", TestImages.png(TestImages.gradientWithNoise(48, 48, 60 + i)));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fleet.gatewayUrl() + "/v1/datasets")).header("Authorization", "Bearer local-dev-key")
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }

    @SuppressWarnings("unchecked")
    private List<Long> naturalSize(WebElement img) {
        return (List<Long>) ((JavascriptExecutor) browser)
                .executeScript("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", img);
    }
}
