package dev.stylefleet.schemas;

/** The syntax of the identifiers messages carry ({@link SchemaRule#pattern()}), each written once. */
public final class Patterns {
    private Patterns() {}

    /** A job id: also the Kafka key and part of object keys. */
    public static final String JOB_ID = "^[A-Za-z0-9_-]{1,64}$";
    /** A tenant name: part of object keys. */
    public static final String TENANT = "^[A-Za-z0-9_.-]{1,64}$";
    /** A registry model id. */
    public static final String MODEL_ID = "^[a-z0-9][a-z0-9._-]{0,63}$";
    /** A model version in the registry. */
    public static final String MODEL_VERSION = "^[A-Za-z0-9._-]{1,64}$";
    /** A hex SHA-256. */
    public static final String SHA256 = "^[0-9a-f]{64}$";
    /** A machine-readable error code, for example {@code INVALID_IMAGE}. */
    public static final String ERROR_CODE = "^[A-Z][A-Z0-9_]*$";
}
