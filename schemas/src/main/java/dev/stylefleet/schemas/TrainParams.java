package dev.stylefleet.schemas;

import java.util.Map;

/**
 * Training parameters; a null field means the documented default of the training worker
 * (see {@code docs/training.md}).
 *
 * @param arch             architecture preset or string, for example {@code style} or {@code c9s1-32,...}
 * @param norm             {@code batch} or {@code instance}
 * @param upsample         {@code deconv} or {@code resize}
 * @param padding          {@code zero} or {@code reflect}
 * @param width            channel width multiplier
 * @param scale            super-resolution factor (4 or 8)
 * @param loss             super-resolution loss: {@code feature} or {@code pixel}
 * @param styleLayerWeights per-layer style weights keyed by VGG layer name
 * @param skip             {@code none} or {@code bicubic} (add the bicubic upscale: learn the residual)
 * @param output           {@code tanh}, {@code tanh150} or {@code linear}
 * @param pixelNorm        pixel loss {@code l2} (paper) or {@code l1}
 * @param lrDecay          {@code none} or {@code cosine} (learning rate to 1/100 of its start over the iterations)
 * @param degradation      super-resolution inputs: {@code blur-bicubic} (paper: Gaussian blur sigma 1, then
 *                         bicubic) or {@code bicubic} (the benchmark protocol: bicubic downscaling only)
 * @param initFrom         registry id of a model whose checkpoint the network starts from
 */
public record TrainParams(
        String arch,
        String norm,
        String upsample,
        String padding,
        Double width,
        Integer scale,
        String loss,
        Integer iterations,
        Integer batchSize,
        Integer imageSize,
        Integer styleSize,
        Double learningRate,
        Double contentWeight,
        Double styleWeight,
        Double tvWeight,
        Double pixelWeight,
        String contentLayer,
        Map<String, Double> styleLayerWeights,
        Integer checkpointEvery,
        Integer progressEvery,
        Long seed,
        String skip,
        String output,
        String pixelNorm,
        String lrDecay,
        String degradation,
        String initFrom) {}
