package dev.stylefleet.bench.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.Resampling;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The super-resolution benchmark protocol, defined once for {@link SrEvaluation} and
 * {@link SrAblation}: each ground-truth image of Set5/Set14 ({@code ../shared/data/sr/<set>}) is
 * cropped to a multiple of the scale, bicubic-downscaled ({@link Resampling#bicubic}, MATLAB
 * {@code imresize} style) and rounded to 8 bits; the method's output, rounded to 8 bits as a saved
 * image would be, is scored against the crop on the Y channel with a border of {@code scale} pixels
 * ignored ({@link ImageQuality}).
 */
public final class SrScoring {
    private SrScoring() {}

    /** Mean PSNR (dB) and SSIM over a set. */
    public record Result(double psnr, double ssim, int images) {}

    /** The methods compared: bicubic interpolation or an ONNX model (NCHW RGB in [0, 255]). */
    public interface Upscaler {
        RgbImage upscale(RgbImage lr, int width, int height) throws OrtException;
    }

    public static Upscaler bicubic() {
        return (lr, w, h) -> Resampling.bicubic(lr, w, h);
    }

    public static Upscaler onnx(OrtEnvironment env, OrtSession session) {
        return (lr, w, h) -> run(env, session, lr);
    }

    public static Result score(Path data, String set, int scale, Upscaler method) throws IOException, OrtException {
        List<Path> images;
        try (Stream<Path> s = Files.list(data.resolve("sr").resolve(set))) {
            images = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        double psnr = 0;
        double ssim = 0;
        for (Path file : images) {
            RgbImage hr = ImageQuality.modCrop(read(file), scale);
            RgbImage lr = Resampling.bicubic(hr, hr.width() / scale, hr.height() / scale).quantized();
            RgbImage out = method.upscale(lr, hr.width(), hr.height()).quantized();
            ImageQuality.Score s = ImageQuality.score(hr, out, scale);
            psnr += s.psnr();
            ssim += s.ssim();
        }
        return new Result(psnr / images.size(), ssim / images.size(), images.size());
    }

    static RgbImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + " is not a readable image");
        }
        return RgbImage.of(img);
    }

    /** The model on one image: NCHW [1, 3, h, w] in, [1, 3, s h, s w] out, RGB in [0, 255]. */
    public static RgbImage run(OrtEnvironment env, OrtSession session, RgbImage lr) throws OrtException {
        int w = lr.width();
        int h = lr.height();
        float[] nchw = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                nchw[c * w * h + i] = lr.rgb()[3 * i + c];
            }
        }
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, 3, h, w});
                OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            int oh = (int) shape[2];
            int ow = (int) shape[3];
            FloatBuffer fb = out.getFloatBuffer();
            float[] planes = new float[fb.remaining()];
            fb.get(planes);
            float[] rgb = new float[planes.length];
            for (int i = 0; i < ow * oh; i++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = planes[c * ow * oh + i];
                }
            }
            return new RgbImage(ow, oh, rgb);
        }
    }
}
