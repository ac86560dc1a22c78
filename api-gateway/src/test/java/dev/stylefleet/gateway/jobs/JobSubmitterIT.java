package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobState;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Submission when Kafka cannot be reached: the job must not be left QUEUED. Real S3 (the input is
 * stored first), and a real Kafka producer aimed at a port where no broker listens.
 */
class JobSubmitterIT {

    @Test
    void enqueueFailureMarksTheJobFailedAndAnswers503() throws Exception {
        String nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "127.0.0.1:" + s.getLocalPort(); // free now, closed once the socket is
        }
        JobPublisher publisher = new JobPublisher(nowhere, Duration.ofSeconds(2));
        publisher.start();
        JobStore store = new JobStore();
        JobSubmitter submitter = new JobSubmitter(LocalStack.shared().objectStore(), publisher, store, 0, java.time.Duration.ofSeconds(5));
        byte[] png = TestImages.png(16, 16);
        List<String> inputsBefore = inputs();
        try {
            assertThatThrownBy(() -> submitter.submit(new Submission("unlucky", "super-resolve", "bicubic-x4", "png",
                    png, new ImageHeader(ImageType.PNG, 16, 16))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ENQUEUE_FAILED);
                        assertThat(e.code().status()).isEqualTo(503);
                    });
        } finally {
            publisher.stop();
        }
        List<String> inputsAfter = inputs();
        assertThat(inputsAfter).hasSize(inputsBefore.size() + 1);
        String jobId = inputsAfter.stream().filter(k -> !inputsBefore.contains(k)).findFirst().orElseThrow()
                .split("/")[2];
        Job job = store.find("unlucky", jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.failure().code()).isEqualTo("ENQUEUE_FAILED");
    }

    /** Input objects of the test tenant (the S3 server also lists directory entries; skip those). */
    private static List<String> inputs() {
        return LocalStack.shared().objectStore().list(Buckets.DATA, "inputs/unlucky/").stream()
                .filter(k -> k.endsWith("/input")).toList();
    }
}
