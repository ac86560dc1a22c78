package dev.stylefleet.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the gateway's form validation: the text fields of {@code POST /v1/jobs}
 * through {@link SubmissionValidator#validate} and of the training forms through {@link TrainParamsFields}.
 * Input: one byte choosing the form (job, style, upscaler), then the field values as UTF-8 separated by NUL,
 * in the order of {@link #JOB_FIELDS} or {@link #TRAIN_FIELDS}. The contract: a 400-class {@link ApiException}
 * naming a field, never another exception; and what passes encodes into a message its schema accepts (an
 * accepted form never fails later with a 500). The job form carries a malformed uploadId, so that validation
 * ends there, after every text field has passed, without an object store.
 */
class FormFieldsFuzzTest {

    static final List<String> JOB_FIELDS = List.of("task", "model", "format", "maxSide", "preserveColor", "strength",
            "histogramMatch", "quality", "callbackUrl", "callbackProgress", "precision");
    static final List<String> TRAIN_FIELDS = List.of("arch", "norm", "upsample", "padding", "width", "output",
            "iterations", "batchSize", "imageSize", "learningRate", "lrDecay", "contentWeight", "tvWeight",
            "contentLayer", "initFrom", "checkpointEvery", "progressEvery", "seed", "styleSize", "styleWeight",
            "scale", "loss", "pixelWeight", "pixelNorm", "skip", "degradation");
    static final Set<ErrorCode> FORM_CODES = Set.of(ErrorCode.MISSING_FIELD, ErrorCode.INVALID_FIELD,
            ErrorCode.CALLBACK_URL_FORBIDDEN);
    static final String TENANT = "local";
    /** Not an upload id: validation refuses it last, once every other field has passed. */
    static final String NOT_AN_UPLOAD = "not-an-upload";

    private static final SubmissionValidator VALIDATOR = new SubmissionValidator();

    static {
        VALIDATOR.config = config();
        // Names are not resolved in a fuzz test (DNS); literal addresses go through the real check.
        VALIDATOR.callbackPolicy = new CallbackUrlPolicy(List.of()) {
            @Override
            public Verdict check(String url) {
                String host = URI.create(url).getHost();
                return host.startsWith("[") || host.matches("[0-9.]+") ? super.check(url)
                        : new Verdict(URI.create(url), "not resolved in FormFieldsFuzzTest");
            }
        };
    }

    /** A GatewayConfig whose callbacks have the default secrets; nothing else is read by the validation. */
    private static GatewayConfig config() {
        GatewayConfig.Callbacks callbacks = (GatewayConfig.Callbacks) Proxy.newProxyInstance(
                FormFieldsFuzzTest.class.getClassLoader(), new Class<?>[] {GatewayConfig.Callbacks.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "secrets", "effectiveSecrets" -> GatewayConfig.Callbacks.DEFAULT_SECRETS;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (GatewayConfig) Proxy.newProxyInstance(FormFieldsFuzzTest.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("callbacks")) {
                        return callbacks;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Valid forms, and the values the refusal tests and the issue name. */
    static Stream<Arguments> seeds() {
        return Stream.of(
                input(0, "super-resolve", "bicubic-x4", "png", "1024", "true", "0.5", "false", "90", "https://93.184.216.34/hook", "true"),
                input(0, "stylize", "candy", "webp", "", "yes", "0x1p-2", "on", "100", "http://[64:ff9b::7f00:1]/", ""),
                input(0, "stylize", "candy\u0000", "PNG", "65536", "maybe", "NaN", "1", "0", "http://127.0.0.1/", "true"),
                input(0, " super-resolve ", "a".repeat(65), "", "-1", "", "1e309", "", "101", "ftp://x/", "false"),
                input(0, "stylize", "candy", "png", "1024", "false", "1", "false", "90", "https://93.184.216.34/hook",
                        "true", "int8"),
                input(0, "stylize", "candy", "png", "1024", "false", "1", "false", "90", "https://93.184.216.34/hook",
                        "true", "INT8"),
                input(1, "", "instance", "resize", "reflect", "1.0", "tanh", "40000", "4", "256", "0.001", "cosine",
                        "1", "1e-6", "relu2_2", "candy-base", "1000", "100", "-3", "512", "5"),
                input(2, "", "batch", "subpixel", "same", "4", "linear", "5000", "16", "96", "1e-3", "none", "1", "0",
                        "relu4_3", "sr-x8", "1", "1", "9223372036854775807", "", "", "8", "pixel", "2.5", "l1",
                        "bicubic", "blur-bicubic"),
                input(2, "", "", "", "", "4.0000001", "", "10000001", "257", "4097", "0", "", "-0", "Infinity", "", "-x",
                        "0", "2147483648", "9223372036854775808", "", "", "3", "", "NaN", "", "", ""))
                .map(b -> Arguments.of((Object) b));
    }

    private static byte[] input(int form, String... values) {
        byte[] text = String.join("\u0000", values).getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[text.length + 1];
        in[0] = (byte) form;
        System.arraycopy(text, 0, in, 1, text.length);
        return in;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void forms(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String[] values = new String(input, 1, input.length - 1, StandardCharsets.UTF_8).split("\u0000", -1);
        switch (Math.floorMod(input[0], 3)) {
            case 0 -> job(values);
            case 1 -> style(values);
            default -> upscaler(values);
        }
    }

    private static String at(String[] values, List<String> fields, String field) {
        int i = fields.indexOf(field);
        return i < values.length ? values[i] : null;
    }

    private static void job(String[] v) {
        JobForm f = new JobForm();
        f.task = at(v, JOB_FIELDS, "task");
        f.model = at(v, JOB_FIELDS, "model");
        f.format = at(v, JOB_FIELDS, "format");
        f.maxSide = at(v, JOB_FIELDS, "maxSide");
        f.preserveColor = at(v, JOB_FIELDS, "preserveColor");
        f.strength = at(v, JOB_FIELDS, "strength");
        f.histogramMatch = at(v, JOB_FIELDS, "histogramMatch");
        f.quality = at(v, JOB_FIELDS, "quality");
        f.callbackUrl = at(v, JOB_FIELDS, "callbackUrl");
        f.callbackProgress = at(v, JOB_FIELDS, "callbackProgress");
        f.precision = at(v, JOB_FIELDS, "precision");
        f.uploadId = NOT_AN_UPLOAD;
        try {
            VALIDATOR.validate(TENANT, f);
            throw new AssertionError("a malformed uploadId was accepted");
        } catch (ApiException refused) {
            assertThat(refused.code()).as(refused.getMessage()).isIn(FORM_CODES);
            assertThat(refused.field()).as(refused.getMessage()).isNotNull();
            if (!"uploadId".equals(refused.field())) {
                return;
            }
        }
        // Every other field passed: the values the validator parsed must make a message the schema accepts.
        InferOptions options = new InferOptions(
                FormFields.integer("maxSide", f.maxSide, 1, SubmissionValidator.MAX_SIDE_OPTION),
                FormFields.bool("preserveColor", f.preserveColor),
                FormFields.decimal("strength", f.strength, 0, 1),
                FormFields.bool("histogramMatch", f.histogramMatch),
                FormFields.integer("quality", f.quality, 1, 100),
                f.precision);
        String format = FormFields.blank(f.format) ? SubmissionValidator.DEFAULT_FORMAT
                : f.format.trim().toLowerCase(java.util.Locale.ROOT);
        InferJobRequested message = new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", TENANT, f.task.trim(),
                f.model.trim(), ObjectKeys.input(TENANT, "job-1"), format, options, Instant.now(), null);
        Messages.INFER_JOB_REQUESTED.decode(Messages.INFER_JOB_REQUESTED.encode(message));
    }

    private static void fill(TrainForm f, String[] v) {
        f.arch = at(v, TRAIN_FIELDS, "arch");
        f.norm = at(v, TRAIN_FIELDS, "norm");
        f.upsample = at(v, TRAIN_FIELDS, "upsample");
        f.padding = at(v, TRAIN_FIELDS, "padding");
        f.width = at(v, TRAIN_FIELDS, "width");
        f.output = at(v, TRAIN_FIELDS, "output");
        f.iterations = at(v, TRAIN_FIELDS, "iterations");
        f.batchSize = at(v, TRAIN_FIELDS, "batchSize");
        f.imageSize = at(v, TRAIN_FIELDS, "imageSize");
        f.learningRate = at(v, TRAIN_FIELDS, "learningRate");
        f.lrDecay = at(v, TRAIN_FIELDS, "lrDecay");
        f.contentWeight = at(v, TRAIN_FIELDS, "contentWeight");
        f.tvWeight = at(v, TRAIN_FIELDS, "tvWeight");
        f.contentLayer = at(v, TRAIN_FIELDS, "contentLayer");
        f.initFrom = at(v, TRAIN_FIELDS, "initFrom");
        f.checkpointEvery = at(v, TRAIN_FIELDS, "checkpointEvery");
        f.progressEvery = at(v, TRAIN_FIELDS, "progressEvery");
        f.seed = at(v, TRAIN_FIELDS, "seed");
    }

    private static void style(String[] v) {
        StyleForm f = new StyleForm();
        fill(f, v);
        f.styleSize = at(v, TRAIN_FIELDS, "styleSize");
        f.styleWeight = at(v, TRAIN_FIELDS, "styleWeight");
        TrainParams params;
        try {
            params = TrainParamsFields.style(f);
        } catch (ApiException refused) {
            assertThat(refused.code()).as(refused.getMessage()).isIn(FORM_CODES);
            return;
        }
        encodes(TrainJobRequested.TASK_STYLE, params);
    }

    private static void upscaler(String[] v) {
        UpscalerForm f = new UpscalerForm();
        fill(f, v);
        f.scale = at(v, TRAIN_FIELDS, "scale");
        f.loss = at(v, TRAIN_FIELDS, "loss");
        f.pixelWeight = at(v, TRAIN_FIELDS, "pixelWeight");
        f.pixelNorm = at(v, TRAIN_FIELDS, "pixelNorm");
        f.skip = at(v, TRAIN_FIELDS, "skip");
        f.degradation = at(v, TRAIN_FIELDS, "degradation");
        TrainParams params;
        try {
            params = TrainParamsFields.superResolve(f);
        } catch (ApiException refused) {
            assertThat(refused.code()).as(refused.getMessage()).isIn(FORM_CODES);
            return;
        }
        encodes(TrainJobRequested.TASK_SUPER_RESOLVE, params);
    }

    private static void encodes(String task, TrainParams params) {
        String styleImage = task.equals(TrainJobRequested.TASK_STYLE) ? "styles/local/job-1.png" : null;
        TrainJobRequested m = new TrainJobRequested(Messages.SCHEMA_VERSION, "job-1", TENANT, task, styleImage,
                "datasets/local/photos/", "model-1", params, Instant.now());
        Messages.TRAIN_JOB_REQUESTED.decode(Messages.TRAIN_JOB_REQUESTED.encode(m));
    }
}
