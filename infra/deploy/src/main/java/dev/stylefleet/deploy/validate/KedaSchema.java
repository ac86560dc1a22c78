package dev.stylefleet.deploy.validate;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * KEDA's objects have no typed model on Maven Central, so they are checked against a JSON Schema of the
 * fields stylefleet uses ({@code keda/scaledobject.schema.json}, written from KEDA's API reference, which
 * it cites), with every unknown field refused.
 */
public final class KedaSchema {
    public static final String API_VERSION = "keda.sh/v1alpha1";
    public static final String SCALED_OBJECT = "ScaledObject";
    private static final JsonSchema SCALED_OBJECT_SCHEMA = load("/keda/scaledobject.schema.json");

    private KedaSchema() {}

    public static boolean isScaledObject(ManifestObject object) {
        return API_VERSION.equals(object.apiVersion()) && SCALED_OBJECT.equals(object.kind());
    }

    /** One line per violation, each naming the object and the JSON path of the offending field. */
    public static List<String> problems(ManifestObject scaledObject) {
        return SCALED_OBJECT_SCHEMA.validate(scaledObject.node()).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .map(message -> scaledObject.label() + ": " + message)
                .toList();
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = KedaSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
