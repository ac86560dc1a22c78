package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.views.JobView;
import java.util.List;

/** One page of {@code GET /v1/jobs}: {@code page} counts from 1; {@code total} is over all pages. */
public record JobPage(List<JobView> items, int page, int size, long total) {}
