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
        Long seed) {}
