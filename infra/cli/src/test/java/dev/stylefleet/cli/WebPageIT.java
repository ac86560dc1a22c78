package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
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
        assumeTrue(Browser.installed(), "needs the Debian packages chromium and chromium-driver (.ci/run installs them)");
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

    @SuppressWarnings("unchecked")
    private List<Long> naturalSize(WebElement img) {
        return (List<Long>) ((JavascriptExecutor) browser)
                .executeScript("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", img);
    }
}
