package dev.stylefleet.gateway.api;

import org.jboss.resteasy.reactive.RestForm;

/**
 * The fields of {@code POST /v1/upscalers}: the super-resolution-only TrainParams fields, besides the name
 * (here the id of the model the job publishes), the dataset and the shared parameters of {@link TrainForm}.
 */
public class UpscalerForm extends TrainForm {
    @RestForm
    public String scale;
    @RestForm
    public String loss;
    @RestForm
    public String pixelWeight;
    @RestForm
    public String pixelNorm;
    @RestForm
    public String skip;
    @RestForm
    public String degradation;
}
