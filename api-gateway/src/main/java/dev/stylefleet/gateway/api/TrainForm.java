package dev.stylefleet.gateway.api;

import org.jboss.resteasy.reactive.RestForm;

/**
 * The form fields every training submission shares ({@code POST /v1/styles}, {@code POST /v1/upscalers}):
 * the dataset, the callback and the TrainParams fields that mean the same for both tasks. Each parameter
 * is optional: left out, the training worker's documented default applies (docs/training.md). What only
 * one task has lives in {@link StyleForm} and {@link UpscalerForm}; {@link TrainParamsFields} parses both.
 */
public class TrainForm {
    @RestForm
    public String name;
    @RestForm
    public String dataset;
    @RestForm
    public String arch;
    @RestForm
    public String norm;
    @RestForm
    public String upsample;
    @RestForm
    public String padding;
    @RestForm
    public String width;
    @RestForm
    public String output;
    @RestForm
    public String iterations;
    @RestForm
    public String batchSize;
    @RestForm
    public String imageSize;
    @RestForm
    public String learningRate;
    @RestForm
    public String lrDecay;
    @RestForm
    public String contentWeight;
    @RestForm
    public String tvWeight;
    @RestForm
    public String contentLayer;
    @RestForm
    public String initFrom;
    @RestForm
    public String checkpointEvery;
    @RestForm
    public String progressEvery;
    @RestForm
    public String seed;
    @RestForm
    public String callbackUrl;
    @RestForm
    public String callbackProgress;
}
