package dev.stylefleet.deploy.validate;

import java.util.Optional;

/**
 * One environment variable of a container.
 *
 * @param variable its name
 * @param value its value, empty when the cluster supplies it (a Secret, the pod's own fields)
 * @param origin where the manifests set it, for messages ("env", "ConfigMap stylefleet-shared")
 */
public record EnvSetting(String variable, Optional<String> value, String origin) {}
