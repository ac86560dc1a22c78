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
        @SchemaRule(minLength = 1, maxLength = 256) String arch,
        @SchemaRule(values = {"batch", "instance", "none"}) String norm,
        @SchemaRule(values = {"deconv", "resize", "subpixel"}) String upsample,
        @SchemaRule(values = {"zero", "reflect", "same"}) String padding,
        @SchemaRule(exclusiveMinimum = 0, maximum = 4) Double width,
        @SchemaRule(values = {"4", "8"}) Integer scale,
        @SchemaRule(values = {"feature", "pixel"}) String loss,
        @SchemaRule(minimum = 1, maximum = 10_000_000) Integer iterations,
        @SchemaRule(minimum = 1, maximum = 256) Integer batchSize,
        @SchemaRule(minimum = 16, maximum = 4096) Integer imageSize,
        @SchemaRule(minimum = 16, maximum = 4096) Integer styleSize,
        @SchemaRule(exclusiveMinimum = 0) Double learningRate,
        @SchemaRule(minimum = 0) Double contentWeight,
        @SchemaRule(minimum = 0) Double styleWeight,
        @SchemaRule(minimum = 0) Double tvWeight,
        @SchemaRule(minimum = 0) Double pixelWeight,
        @SchemaRule(values = {"relu1_2", "relu2_2", "relu3_3", "relu4_3"}) String contentLayer,
        @SchemaRule(json = """
                {"propertyNames": {"enum": ["relu1_2", "relu2_2", "relu3_3", "relu4_3"]},
                 "additionalProperties": {"minimum": 0}}""")
        Map<String, Double> styleLayerWeights,
        @SchemaRule(minimum = 1) Integer checkpointEvery,
        @SchemaRule(minimum = 1) Integer progressEvery,
        Long seed,
        @SchemaRule(values = {"none", "bicubic"}) String skip,
        @SchemaRule(values = {"tanh", "tanh150", "linear"}) String output,
        @SchemaRule(values = {"l2", "l1"}) String pixelNorm,
        @SchemaRule(values = {"none", "cosine"}) String lrDecay,
        @SchemaRule(values = {"blur-bicubic", "bicubic"}) String degradation,
        @SchemaRule(pattern = Patterns.MODEL_ID) String initFrom) {}
