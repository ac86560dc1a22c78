package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The int8 variant of a registry model ({@link ObjectKeys#modelOnnxInt8}) and the quality gate it passed:
 * a variant is published only when its output on held-out photos stays close to the float32 model's (style:
 * PSNR int8 vs fp32 at least {@code thresholdDb}; super-resolution: besides, at most {@code maxLossDb} of the
 * float32 model's PSNR against ground truth lost). The figures are the ones the gate measured.
 *
 * @param sha256             hex SHA-256 of {@code model-int8.onnx}; workers verify it on download
 * @param calibration        what the activation ranges were calibrated on
 * @param gateImages         how many held-out images the gate ran
 * @param thresholdDb        the gate's PSNR bound, int8 output vs fp32 output
 * @param psnrVsFp32Db       mean PSNR of the int8 output against the fp32 output over the gate's images
 * @param minPsnrVsFp32Db    the lowest of those
 * @param fp32PsnrVsTruthDb  super-resolution only: the fp32 model's mean PSNR against ground truth
 * @param int8PsnrVsTruthDb  super-resolution only: the int8 variant's
 * @param fp32SsimVsTruth    super-resolution only: the fp32 model's mean SSIM against ground truth
 * @param int8SsimVsTruth    super-resolution only: the int8 variant's
 */
public record Int8Variant(
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.SHA256) String sha256,
        @JsonProperty(required = true) @SchemaRule(minimum = 1) long sizeBytes,
        @JsonProperty(required = true) @SchemaRule(minLength = 1, maxLength = 512) String calibration,
        @JsonProperty(required = true) @SchemaRule(minimum = 1) int gateImages,
        @JsonProperty(required = true) double thresholdDb,
        @JsonProperty(required = true) double psnrVsFp32Db,
        @JsonProperty(required = true) double minPsnrVsFp32Db,
        @JsonPropertyDescription("super-resolution: the fp32 model's mean PSNR against ground truth, dB")
        Double fp32PsnrVsTruthDb,
        @JsonPropertyDescription("super-resolution: the int8 variant's mean PSNR against ground truth, dB")
        Double int8PsnrVsTruthDb,
        Double fp32SsimVsTruth,
        Double int8SsimVsTruth) {}
