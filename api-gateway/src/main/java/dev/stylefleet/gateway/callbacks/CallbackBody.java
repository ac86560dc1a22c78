package dev.stylefleet.gateway.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.views.JobView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one callback delivery: {@code {"deliveryId":..., "event":"job.state"|"job.progress",
 * "job":<JobView>}}. The view leaves out {@code callbacks}: the delivery's own attempts grow while it is
 * retried, and a delivery resumed by another replica (or after a restart) is built again from the job, so
 * only a body that ignores them is the same on every attempt, as docs/api.md promises receivers.
 */
final class CallbackBody {
    private CallbackBody() {}

    /** @param baseUrl the API's public root, ending in a slash */
    static byte[] of(ObjectMapper json, Job job, String deliveryId, String event, String baseUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("event", event);
        body.put("job", JobView.of(job, baseUrl).withoutCallbacks());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job view that cannot be written as JSON: " + job.id(), e);
        }
    }
}
