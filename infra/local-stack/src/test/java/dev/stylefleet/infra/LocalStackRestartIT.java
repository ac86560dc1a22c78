package dev.stylefleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.platform.storage.StorageException;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.Topics;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker and the S3 server stopped and started again in place (the fault suite's outages): same port,
 * same data; clients created before the stop carry on after the start. Its own stack, never the shared one.
 */
class LocalStackRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void kafkaStoppedAndStartedAgainKeepsItsPortMessagesAndCommittedOffsets() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            String bootstrap = stack.kafkaBootstrapServers();
            String group = "restart-it-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
                    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                            new StringDeserializer(), new StringDeserializer())) {
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, "k", "before")).get();
                consumer.subscribe(List.of(Topics.JOB_EVENTS));
                assertThat(pollUntil(consumer, "before")).containsExactly("before");
                consumer.commitSync();

                stack.stopKafka();
                assertThat(refused(bootstrap)).as("the broker's port is closed while stopped").isTrue();
                stack.startKafka();

                assertThat(stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
                // The producer and consumer from before reconnect by themselves to the same address.
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, "k", "after")).get();
                assertThat(pollUntil(consumer, "after")).containsExactly("after");
            }
            // A new member of the group starts from the committed offset kept in the log directory.
            try (KafkaConsumer<String, String> again = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "restart-it-fresh-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                again.subscribe(List.of(Topics.JOB_EVENTS));
                assertThat(pollUntil(again, "after")).containsExactly("before", "after");
            }
        }
    }

    @Test
    void s3StoppedAndStartedAgainKeepsItsPortAndObjects() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            String key = "restart-it/" + UUID.randomUUID();
            byte[] bytes = "kept".getBytes(StandardCharsets.UTF_8);
            stack.objectStore().put(Buckets.DATA, key, bytes, "text/plain");

            stack.stopS3();
            assertThat(refused(stack.s3Endpoint())).as("the S3 port is closed while stopped").isTrue();
            assertThatThrownBy(() -> stack.objectStore().get(Buckets.DATA, key)).isInstanceOf(StorageException.class);
            stack.startS3();

            assertThat(stack.objectStore().get(Buckets.DATA, key)).isEqualTo(bytes);
        }
    }

    @Test
    void theSharedStackCannotBeStopped() {
        assertThatThrownBy(() -> LocalStack.shared().stopKafka()).isInstanceOf(IllegalStateException.class);
    }

    /** The values polled until {@code last} came, in order. */
    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, String last) {
        List<String> got = new ArrayList<>();
        await().atMost(DEADLINE).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
            return got.contains(last);
        });
        return got;
    }

    /** Whether a TCP connect to the address ({@code host:port} or a URL) is refused. */
    private static boolean refused(String address) throws Exception {
        URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
