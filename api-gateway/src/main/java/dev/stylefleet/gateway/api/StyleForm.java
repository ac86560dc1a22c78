package dev.stylefleet.gateway.api;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The multipart fields of {@code POST /v1/styles}: the style image, a name, the dataset to train on,
 * and the TrainParams fields (each optional: the training worker's documented defaults apply).
 */
public class StyleForm {
    @RestForm("styleImage")
    public FileUpload styleImage;
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
    public String iterations;
    @RestForm
    public String batchSize;
    @RestForm
    public String imageSize;
    @RestForm
    public String styleSize;
    @RestForm
    public String learningRate;
    @RestForm
    public String contentWeight;
    @RestForm
    public String styleWeight;
    @RestForm
    public String tvWeight;
    @RestForm
    public String contentLayer;
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
