package dev.stylefleet.bench;

import dev.stylefleet.runtime.ClientProperties;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.cancels.CancelSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One group member of {@link CrashStallBenchmark}, in a JVM of its own so that the benchmark can
 * SIGKILL it: only a dead process leaves a group exactly as a crashed worker does (no close of any kind,
 * no last heartbeat or request, whatever the protocol and client version). It consumes with the workers' consumer properties
 * ({@link ClientProperties#jobConsumer}), runs each record as a job of {@code jobMs}, commits it, and prints
 * {@code done <partition> <epoch microseconds>} per record on stdout.
 *
 * <p>Arguments: bootstrap topic group protocol session-ms instance-id ({@code -} = dynamic) member-name job-ms.
 */
public final class CrashStallMember {
    private CrashStallMember() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        String group = args[2];
        GroupProtocol protocol = GroupProtocol.parse(args[3]);
        Duration session = Duration.ofMillis(Long.parseLong(args[4]));
        Optional<String> instance = args[5].equals("-") ? Optional.empty() : Optional.of(args[5]);
        String name = args[6];
        long jobNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[7]));
        RuntimeSettings settings = new RuntimeSettings(bootstrap, group, name, 1, Duration.ofMillis(100), session,
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO, protocol,
                new CancelSettings(Duration.ZERO, Duration.ofMinutes(1), 1), instance);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientProperties.jobConsumer(settings, name))) {
            consumer.subscribe(List.of(topic));
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    // The job: simulated work of a fixed length (what is measured is the group, not the job).
                    LockSupport.parkNanos(jobNanos);
                    try {
                        consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                                new OffsetAndMetadata(r.offset() + 1)));
                    } catch (KafkaException refusedWhilePartitionsMove) {
                        // As the runtime: the record may run again (at-least-once); the loop goes on.
                    }
                    Instant now = Instant.now();
                    out.println("done " + r.partition() + " " + ChronoUnit.MICROS.between(Instant.EPOCH, now));
                }
            }
        }
    }
}
