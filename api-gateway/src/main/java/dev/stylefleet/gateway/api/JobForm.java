package dev.stylefleet.gateway.api;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The multipart fields of {@code POST /v1/jobs}, exactly as received (see docs/api.md for each). */
public class JobForm {
    @RestForm("image")
    public FileUpload image;
    @RestForm
    public String uploadId;
    @RestForm
    public String task;
    @RestForm
    public String model;
    @RestForm
    public String format;
    @RestForm
    public String maxSide;
    @RestForm
    public String preserveColor;
    @RestForm
    public String strength;
    @RestForm
    public String histogramMatch;
    @RestForm
    public String quality;
    @RestForm
    public String precision;
    @RestForm
    public String callbackUrl;
    @RestForm
    public String callbackProgress;
}
