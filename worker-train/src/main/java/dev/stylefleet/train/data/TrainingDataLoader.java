package dev.stylefleet.train.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Feeds training batches from image files, decoding and augmenting on its own thread into a bounded
 * queue, so a training step finds its batch ready instead of waiting on I/O and JPEG decoding.
 *
 * <p>Images are visited in a shuffled order, reshuffled every epoch. An image that cannot be read or
 * decoded is skipped, counted ({@link #skippedImages()}) and not tried again; the job goes on. Only
 * when no image at all decodes does {@link #next()} fail, with {@link DatasetUnusableException}.
 */
public final class TrainingDataLoader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainingDataLoader.class.getName());

    private final List<Path> files;
    private final LoaderSpec spec;
    private final BlockingQueue<Object> queue;
    private final Set<Path> unreadable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger decoded = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    public TrainingDataLoader(List<Path> files, LoaderSpec spec) {
        if (files.isEmpty()) {
            throw new DatasetUnusableException("the dataset has no images");
        }
        this.files = List.copyOf(files);
        this.spec = spec;
        this.queue = new ArrayBlockingQueue<>(spec.queueCapacity());
        this.thread = new Thread(this::produce, "training-data-loader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch; blocks while the loader thread is still preparing it. */
    public TrainingBatch next() {
        try {
            Object item = queue.take();
            if (item instanceof RuntimeException e) {
                // Leave the failure for later callers too.
                queue.offer(item);
                throw e;
            }
            return (TrainingBatch) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training batch", e);
        }
    }

    /** Images skipped so far because they could not be read or decoded. */
    public int skippedImages() {
        return unreadable.size();
    }

    /** Successful decodes so far (an image counts once per use). */
    public int decodedImages() {
        return decoded.get();
    }

    public LoaderSpec spec() {
        return spec;
    }

    private void produce() {
        Random random = new Random(spec.seed());
        List<Path> order = new ArrayList<>(files);
        List<RgbImage> inputs = new ArrayList<>();
        List<RgbImage> targets = new ArrayList<>();
        try {
            while (!closed) {
                Collections.shuffle(order, random);
                int usable = 0;
                for (Path file : order) {
                    if (closed) {
                        return;
                    }
                    if (unreadable.contains(file)) {
                        continue;
                    }
                    RgbImage image = decode(file);
                    if (image == null) {
                        continue;
                    }
                    usable++;
                    RgbImage[] pair = augment(image, random);
                    inputs.add(pair[0]);
                    targets.add(pair[1]);
                    if (inputs.size() == spec.batchSize()) {
                        TrainingBatch batch = new TrainingBatch(RgbImage.batch(inputs), RgbImage.batch(targets));
                        inputs.clear();
                        targets.clear();
                        while (!closed && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                            // Full: the trainer is behind; wait for it (or for close).
                        }
                    }
                }
                if (usable == 0) {
                    queue.put(new DatasetUnusableException("none of the " + files.size()
                            + " dataset images could be read as an image (PNG, JPEG, BMP, GIF)"));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "training data loader failed", e);
            queue.offer(e);
        }
    }

    private RgbImage decode(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            BufferedImage img = ImageIO.read(in);
            if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
                skip(file, "not a readable image format");
                return null;
            }
            decoded.incrementAndGet();
            return RgbImage.of(img);
        } catch (IOException | RuntimeException e) {
            skip(file, e.toString());
            return null;
        }
    }

    private void skip(Path file, String why) {
        if (unreadable.add(file)) {
            LOG.log(System.Logger.Level.WARNING, "skipping dataset image {0}: {1}", file.getFileName(), why);
        }
    }

    /** {input, target} for one image. */
    RgbImage[] augment(RgbImage image, Random random) {
        int size = spec.imageSize();
        if (spec.mode() == LoaderSpec.Mode.STYLE) {
            int side = Math.min(image.width(), image.height());
            RgbImage crop = image.crop(random.nextInt(image.width() - side + 1),
                    random.nextInt(image.height() - side + 1), side, side);
            RgbImage resized = side == size ? crop : Resampling.bicubic(crop, size, size);
            RgbImage out = random.nextBoolean() ? resized.flippedHorizontally() : resized;
            return new RgbImage[] {out, out};
        }
        RgbImage source = image;
        int minSide = Math.min(image.width(), image.height());
        if (minSide < size) {
            double f = (double) size / minSide;
            source = Resampling.bicubic(image, Math.max(size, (int) Math.ceil(image.width() * f)),
                    Math.max(size, (int) Math.ceil(image.height() * f)));
        }
        RgbImage hr = source.crop(random.nextInt(source.width() - size + 1), random.nextInt(source.height() - size + 1),
                size, size);
        if (random.nextBoolean()) {
            hr = hr.flippedHorizontally();
        }
        hr = hr.quantized();
        int low = size / spec.scale();
        RgbImage lr = spec.degradation() == LoaderSpec.Degradation.BICUBIC
                ? Resampling.bicubic(hr, low, low).quantized()
                : Resampling.bicubic(Resampling.gaussianBlur(hr, LoaderSpec.SR_BLUR_SIGMA), low, low);
        return new RgbImage[] {lr, hr};
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
