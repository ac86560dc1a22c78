package dev.stylefleet.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache's timing rules, with a lookup function, a hand-driven clock and a hand-run refresher. */
class LatestModelCacheTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    private final Map<String, ModelManifest> registry = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> background = new ArrayList<>();
    private RuntimeException failure;
    private final LatestModelCache cache = new LatestModelCache(id -> {
        lookups.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(registry.get(id));
    }, TTL, background::add, now::get);

    private static ModelManifest manifest(String version) {
        return new ModelManifest(Messages.SCHEMA_VERSION, "m", version, "stylize", 1, "c9s1-32", "0".repeat(64), 1,
                Instant.EPOCH, null, null, Map.of());
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private void runBackground() {
        List<Runnable> tasks = new ArrayList<>(background);
        background.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void freshEntryIsAnsweredWithoutLookup() {
        registry.put("m", manifest("1"));
        assertThat(cache.latest("m")).contains(manifest("1"));
        advance(TTL.minusMillis(1));
        assertThat(cache.latest("m")).contains(manifest("1"));
        assertThat(lookups).hasValue(1);
        assertThat(background).isEmpty();
    }

    @Test
    void staleEntryIsAnsweredWhileOneBackgroundLookupRefreshesIt() {
        registry.put("m", manifest("1"));
        cache.latest("m");
        registry.put("m", manifest("2"));
        advance(TTL.plusMillis(1));

        assertThat(cache.latest("m")).contains(manifest("1"));
        assertThat(cache.latest("m")).contains(manifest("1"));
        assertThat(lookups).as("no lookup on the callers' thread").hasValue(1);
        assertThat(background).as("one refresh per model at a time").hasSize(1);

        runBackground();
        assertThat(lookups).hasValue(2);
        assertThat(cache.latest("m")).contains(manifest("2"));
        assertThat(background).isEmpty();
    }

    @Test
    void entryOlderThanTwiceTheTtlIsLookedUpSynchronously() {
        registry.put("m", manifest("1"));
        cache.latest("m");
        registry.put("m", manifest("2"));
        advance(TTL.multipliedBy(2));

        assertThat(cache.latest("m")).contains(manifest("2"));
        assertThat(lookups).hasValue(2);
        assertThat(background).isEmpty();
    }

    @Test
    void failedBackgroundLookupKeepsTheEntryUntilItIsTooOld() {
        registry.put("m", manifest("1"));
        cache.latest("m");
        failure = new StorageException("list models", new java.io.IOException("S3 down"));
        advance(TTL.plusMillis(1));
        assertThat(cache.latest("m")).contains(manifest("1"));
        runBackground();
        assertThat(cache.latest("m")).as("still answered; a new refresh is started").contains(manifest("1"));
        assertThat(background).hasSize(1);

        advance(TTL);
        assertThatThrownBy(() -> cache.latest("m")).isSameAs(failure);
    }

    @Test
    void removedModelIsForgottenByTheRefresh() {
        registry.put("m", manifest("1"));
        cache.latest("m");
        registry.remove("m");
        advance(TTL.plusMillis(1));
        cache.latest("m");
        runBackground();
        assertThat(cache.latest("m")).isEmpty();
    }

    @Test
    void zeroTtlLooksUpEveryTime() {
        LatestModelCache uncached = new LatestModelCache(id -> {
            lookups.incrementAndGet();
            return Optional.of(manifest("1"));
        }, Duration.ZERO, background::add, now::get);
        uncached.latest("m");
        uncached.latest("m");
        assertThat(lookups).hasValue(2);
        assertThat(background).isEmpty();
    }
}
