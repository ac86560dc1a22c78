package dev.stylefleet.schemas;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JSON Schema constraint on a message field, written on the record component it constrains. The
 * message schemas under {@code src/main/resources/schemas/} are generated from the records and these
 * rules ({@code SchemaGenerator} in this module's tests; {@code SchemasInSyncTest} fails the build when a
 * committed schema is not what the records say). Required fields are marked with Jackson's
 * {@code @JsonProperty(required = true)}, descriptions with {@code @JsonPropertyDescription}; every
 * message object refuses properties it does not declare.
 *
 * <p>On a record type, only {@link #json()} applies: rules across fields (one of two inputs, a field
 * required in one state) that JSON Schema states with {@code oneOf} or {@code if}/{@code then}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.TYPE})
public @interface SchemaRule {
    /** {@code pattern}: a regular expression the whole string must match (anchor it). */
    String pattern() default "";

    /** {@code enum}: the allowed values; numbers for a numeric field. */
    String[] values() default {};

    /** {@code minimum}, inclusive; NaN: none. */
    double minimum() default Double.NaN;

    /** {@code exclusiveMinimum}; NaN: none. */
    double exclusiveMinimum() default Double.NaN;

    /** {@code maximum}, inclusive; NaN: none. */
    double maximum() default Double.NaN;

    /** {@code minLength} of a string; negative: none. */
    int minLength() default -1;

    /** {@code maxLength} of a string; negative: none. */
    int maxLength() default -1;

    /** Further JSON Schema keywords as a JSON object, merged into the generated schema (for example {@code propertyNames}). */
    String json() default "";

}
