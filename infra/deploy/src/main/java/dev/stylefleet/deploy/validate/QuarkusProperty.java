package dev.stylefleet.deploy.validate;

/**
 * One configuration property of Quarkus itself, from an extension's configuration model.
 *
 * @param name the property ({@code quarkus.http.port}); a map key in the name is {@code *}
 * @param defaultValue its default, or null
 * @param runtime whether it may be set when the application starts (build-time properties are fixed
 *     into the quarkus-app when it is built; setting them in a manifest has no effect)
 */
public record QuarkusProperty(String name, String defaultValue, boolean runtime) {}
