package dev.stylefleet.gateway.api;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The multipart fields of {@code POST /v1/styles}: the style image and the style-only TrainParams fields,
 * besides the name (the style's display name), the dataset and the shared parameters of {@link TrainForm}.
 */
public class StyleForm extends TrainForm {
    @RestForm("styleImage")
    public FileUpload styleImage;
    @RestForm
    public String styleSize;
    @RestForm
    public String styleWeight;
}
