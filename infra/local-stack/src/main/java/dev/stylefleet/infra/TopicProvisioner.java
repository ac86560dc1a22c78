package dev.stylefleet.infra;

import dev.stylefleet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of {@link Topics#ALL} with its partition count and cleanup policy, and waits
 * until each partition has a leader (a producer can write to it). On a restart the topics exist
 * already; a topic with fewer partitions than its spec is grown and a wrong cleanup policy is
 * corrected, so a data directory from an older spec keeps working.
 */
final class TopicProvisioner {
    /** Pause between readiness checks: short, because the broker is local and becomes ready in ms. */
    private static final Duration POLL = Duration.ofMillis(50);

    private TopicProvisioner() {}

    static void provision(String bootstrapServers, List<Topics.Spec> specs, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> conf = new HashMap<>();
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(AdminClientConfig.CLIENT_ID_CONFIG, "stylefleet-local-stack");
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(conf)) {
            create(admin, specs, deadline);
            reconcile(admin, specs, deadline);
            awaitLeaders(admin, specs, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException e) {
            throw new LocalStackException("could not create Kafka topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Creates the topics that do not exist. Right after startup the broker may not be registered with
     * the controller yet ("only 0 broker(s) are registered"): that is retried until the deadline.
     */
    private static void create(Admin admin, List<Topics.Spec> specs, Instant deadline)
            throws InterruptedException, ExecutionException {
        List<Topics.Spec> missing = new ArrayList<>(specs);
        while (true) {
            List<NewTopic> topics = missing.stream()
                    .map(s -> new NewTopic(s.name(), s.partitions(), (short) 1).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(s))))
                    .toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            List<Topics.Spec> retry = new ArrayList<>();
            ExecutionException failure = null;
            for (Topics.Spec spec : missing) {
                try {
                    results.get(spec.name()).get(remaining(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        continue;
                    }
                    if (e.getCause() instanceof RetriableException
                            || e.getCause() instanceof InvalidReplicationFactorException) {
                        retry.add(spec);
                        failure = e;
                    } else {
                        throw e;
                    }
                } catch (TimeoutException e) {
                    throw new LocalStackException("Kafka did not create topic " + spec.name() + " in time");
                }
            }
            if (retry.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure;
            }
            missing = retry;
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Grows partitions and fixes the cleanup policy of topics that exist from an older spec. */
    private static void reconcile(Admin admin, List<Topics.Spec> specs, Instant deadline)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> described = describe(admin, names(specs), deadline);
        Map<String, NewPartitions> grow = new HashMap<>();
        for (Topics.Spec spec : specs) {
            int actual = described.get(spec.name()).partitions().size();
            if (actual < spec.partitions()) {
                grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
        List<ConfigResource> resources = specs.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        var configs = admin.describeConfigs(resources).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> fixes = new HashMap<>();
        for (Topics.Spec spec : specs) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            ConfigEntry policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !cleanupPolicy(spec).equals(policy.value())) {
                fixes.put(r, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(spec)),
                        AlterConfigOp.OpType.SET)));
            }
        }
        if (!fixes.isEmpty()) {
            admin.incrementalAlterConfigs(fixes).all().get();
        }
    }

    /** Waits until every partition of every topic has a leader. */
    private static void awaitLeaders(Admin admin, List<Topics.Spec> specs, Instant deadline)
            throws InterruptedException, ExecutionException {
        while (true) {
            Map<String, TopicDescription> described = describe(admin, names(specs), deadline);
            List<String> notReady = new ArrayList<>();
            for (Topics.Spec spec : specs) {
                TopicDescription d = described.get(spec.name());
                if (d.partitions().size() < spec.partitions()
                        || d.partitions().stream().map(TopicPartitionInfo::leader).anyMatch(l -> l == null || l.isEmpty())) {
                    notReady.add(spec.name());
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("Kafka topics have no leader in time: " + notReady);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<String> names, Instant deadline)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                // A topic just created may not be in the broker's metadata yet.
                if (!(e.getCause() instanceof RetriableException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static List<String> names(List<Topics.Spec> specs) {
        return specs.stream().map(Topics.Spec::name).toList();
    }

    private static String cleanupPolicy(Topics.Spec spec) {
        return spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    private static long remaining(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }
}
