package dev.stylefleet.deploy.validate;

import java.util.Map;
import java.util.Optional;

/**
 * One stylefleet service as the deployment sees it.
 *
 * @param name the service, which is also its container's name in the manifests
 * @param keys every stylefleet.* key the service reads, with its documented default (or null)
 * @param keysSource where those keys are listed, for messages ({@code docs/inference.md})
 * @param applicationProperties the service's own application.properties (overrides Quarkus' defaults)
 * @param worker present for a Kafka worker scaled by KEDA
 */
public record ServiceProfile(String name, Map<String, String> keys, String keysSource,
        Map<String, String> applicationProperties, Optional<WorkerProfile> worker) {}
