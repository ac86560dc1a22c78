package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.images.ImageHeader;

/**
 * A job request that passed every check and may now be stored and queued.
 *
 * @param tenant       owner, from the API key
 * @param task         {@code super-resolve} or {@code stylize}
 * @param model        registry model id whose task is {@code task}
 * @param outputFormat {@code png}, {@code jpeg} or {@code webp}
 * @param image        the uploaded bytes, exactly as received
 * @param header       type and size read from those bytes
 */
public record Submission(String tenant, String task, String model, String outputFormat, byte[] image,
        ImageHeader header) {}
