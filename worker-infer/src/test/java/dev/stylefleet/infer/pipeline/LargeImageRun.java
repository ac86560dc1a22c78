package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.ImageLimits;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.StyleModels;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one 8000 x 6000 image through the worker's pipeline (decode, tiled style network, encode) in
 * its own JVM, so that {@link LargeImageTest} can read this process's peak resident memory (VmHWM)
 * and nothing else's. Prints "size WxH", "seconds S" and "vmhwm-kib K".
 */
public final class LargeImageRun {
    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args[0]);
        int h = Integer.parseInt(args[1]);
        byte[] jpeg = jpegOf(w, h);
        byte[] onnx = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(false, StyleNetOnnx.Upsample.DECONV, 1));
        LoadedModel model = LoadedModel.load(OrtEnvironment.getEnvironment(),
                StyleModels.manifest("large", 1, "stylize", onnx), onnx, Runtime.getRuntime().availableProcessors());
        InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults(), (long) w * h, InferMetrics.NONE);
        long t0 = System.nanoTime();
        InferencePipeline.Rendered r = pipeline.run(jpeg, model, true, InferOptions.defaults(), "jpeg");
        double seconds = (System.nanoTime() - t0) / 1e9;
        BufferedImage check = ImageDecoder.decode(r.encoded().bytes(),
                ImageDecoder.probe(r.encoded().bytes(), ImageLimits.defaults()));
        System.out.println("size " + check.getWidth() + "x" + check.getHeight());
        System.out.printf("seconds %.1f%n", seconds);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                System.out.println("vmhwm-kib " + line.replaceAll("[^0-9]", ""));
            }
        }
    }

    /** A w x h photograph-like JPEG, generated a band at a time (the full image is never needed twice). */
    private static byte[] jpegOf(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int band = 500;
        for (int y0 = 0; y0 < h; y0 += band) {
            BufferedImage part = TestImages.gradientWithNoise(w, Math.min(band, h - y0), y0);
            img.getRaster().setRect(0, y0, part.getRaster());
        }
        return ImageFiles.jpeg(img, 90, false);
    }
}
