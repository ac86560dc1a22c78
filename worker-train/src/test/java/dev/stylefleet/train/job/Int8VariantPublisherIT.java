package dev.stylefleet.train.job;

import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;
import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.platform.onnx.Onnx.TensorProto.DataType;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.platform.quantize.GateThresholds;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ModelManifest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training worker's int8 step against a real S3 server and ONNX Runtime: a small generated network
 * (Conv+Relu layers; the super-resolution one ends in DepthToSpace) published as a training job would, a
 * dataset of generated photos, and the variant built, gated on held-out images and published with its
 * figures, or not published with the reason.
 */
class Int8VariantPublisherIT {
    @TempDir
    Path dir;

    @Test
    void aStyleModelGetsAGatedVariantCalibratedOnItsDataset() throws Exception {
        ModelRegistry registry = registry();
        String id = "int8-style-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] fp32 = net(1, 11);
        ModelManifest m = registry.publish(id, "1", "stylize", 1, "test", fp32, "job-int8", "tenant-a", Map.of());

        Int8VariantPublisher.Outcome o = new Int8VariantPublisher(OrtEnvironment.getEnvironment(), 4, 2, 48)
                .publish(registry, m, fp32, photos(8));

        assertThat(o.published()).as(o.detail()).isTrue();
        ModelManifest stored = registry.latest(id).orElseThrow();
        assertThat(stored.int8()).isEqualTo(o.manifest().int8());
        assertThat(stored.sha256()).as("the fp32 model is untouched").isEqualTo(m.sha256());
        assertThat(stored.int8().gateImages()).isEqualTo(2);
        assertThat(stored.int8().psnrVsFp32Db()).isGreaterThanOrEqualTo(GateThresholds.MIN_PSNR_VS_FP32_DB);
        assertThat(stored.int8().calibration()).contains("4 images").contains("job-int8");
        assertThat(stored.int8().fp32PsnrVsTruthDb()).as("style: no ground truth").isNull();
        byte[] int8 = registry.downloadInt8(stored);
        assertThat(new String(int8, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("QuantizeLinear");
    }

    @Test
    void aSuperResolutionVariantIsGatedAgainstGroundTruthToo() throws Exception {
        ModelRegistry registry = registry();
        String id = "int8-sr-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] fp32 = net(2, 12);
        ModelManifest m = registry.publish(id, "1", "super-resolve", 2, "test", fp32, "job-int8-sr", "tenant-a",
                Map.of());

        Int8VariantPublisher.Outcome o = new Int8VariantPublisher(OrtEnvironment.getEnvironment(), 4, 2, 48)
                .publish(registry, m, fp32, photos(6));

        assertThat(o.published()).as(o.detail()).isTrue();
        ModelManifest stored = registry.latest(id).orElseThrow();
        assertThat(stored.int8().fp32PsnrVsTruthDb()).isNotNull();
        assertThat(stored.int8().fp32PsnrVsTruthDb() - stored.int8().int8PsnrVsTruthDb())
                .isLessThanOrEqualTo(GateThresholds.SR_MAX_LOSS_DB);
        assertThat(stored.int8().calibration()).contains("bicubic x1/2");
    }

    @Test
    void aDatasetTooSmallForCalibrationAndGateGivesNoVariant() throws Exception {
        ModelRegistry registry = registry();
        String id = "int8-small-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] fp32 = net(1, 13);
        ModelManifest m = registry.publish(id, "1", "stylize", 1, "test", fp32, "job-small", "tenant-a", Map.of());
        Path notAnImage = Files.writeString(dir.resolve("notes.txt"), "not an image");

        Int8VariantPublisher.Outcome o = new Int8VariantPublisher(OrtEnvironment.getEnvironment(), 4, 2, 48)
                .publish(registry, m, fp32, List.of(photos(1).get(0), notAnImage));

        assertThat(o.published()).isFalse();
        assertThat(o.detail()).contains("1 readable images");
        assertThat(registry.latest(id).orElseThrow().int8()).isNull();
    }

    private static ModelRegistry registry() {
        ObjectStore store = LocalStack.shared().objectStore();
        Buckets.ALL.forEach(store::ensureBucket);
        return new ModelRegistry(store);
    }

    /** Conv 3x3 + Relu (3→8→8), then Conv to 3·scale² channels, DepthToSpace when scale > 1; input in [0, 255]. */
    private static byte[] net(int scale, long seed) {
        Random r = new Random(seed);
        OnnxModelBuilder m = new OnnxModelBuilder("int8-test", 17).input("image", DataType.FLOAT, "N", 3L, "H", "W");
        String x = m.node("Mul", "scaled", List.of("image", m.scalar("inv255", 1f / 255)));
        x = m.node("Relu", "l1/relu", List.of(conv(m, r, "l1", x, 3, 8)));
        x = m.node("Relu", "l2/relu", List.of(conv(m, r, "l2", x, 8, 8)));
        String y = conv(m, r, "l3", x, 8, 3 * scale * scale);
        if (scale > 1) {
            y = m.node("DepthToSpace", "up", List.of(y), integer("blocksize", scale), string("mode", "CRD"));
        }
        y = m.node("Mul", "output", List.of(y, m.scalar("s255", 255f)));
        m.output(y, DataType.FLOAT, "N", 3L, "H", "W");
        return m.toByteArray();
    }

    private static String conv(OnnxModelBuilder m, Random r, String name, String in, int cin, int cout) {
        float[] w = new float[cout * cin * 9];
        double std = Math.sqrt(2.0 / (cin * 9));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * std);
        }
        float[] b = new float[cout];
        for (int i = 0; i < cout; i++) {
            b[i] = (float) (r.nextGaussian() * 0.05);
        }
        return m.node("Conv", name, List.of(in, m.floats(name + "/W", new long[] {cout, cin, 3, 3}, w),
                m.floats(name + "/B", new long[] {cout}, b)), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1));
    }

    /** Smooth generated photos (gradients and soft blobs, a different seed each), PNG files. */
    private List<Path> photos(int n) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Random r = new Random(100 + k);
            int w = 64 + 8 * k;
            int h = 56 + 4 * k;
            double cx = r.nextDouble() * w;
            double cy = r.nextDouble() * h;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double blob = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 15.0 * 15.0));
                    int red = (int) (255 * x / (double) w);
                    int green = (int) (200 * blob + 40);
                    int blue = (int) (255 * y / (double) h);
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
            Path p = dir.resolve("photo-" + k + ".png");
            ImageIO.write(img, "png", p.toFile());
            out.add(p);
        }
        return out;
    }
}
