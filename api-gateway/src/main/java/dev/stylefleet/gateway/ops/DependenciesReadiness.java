package dev.stylefleet.gateway.ops;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.platform.storage.ObjectStore;
import io.minio.BucketExistsArgs;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of what every request needs: the Kafka cluster answers (describeCluster) and the S3 server
 * has the data bucket. A gateway that cannot reach either would only answer 503s, so a load balancer
 * should send traffic elsewhere. (Liveness does not depend on them: restarting would not help.)
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {
    private final ObjectStore store;
    private final Duration timeout;
    private final Admin admin;

    @Inject
    public DependenciesReadiness(GatewayConfig config, ObjectStore store) {
        this.store = store;
        this.timeout = config.gateway().healthTimeout();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "stylefleet-gateway-health");
        int ms = (int) timeout.toMillis();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        this.admin = Admin.create(p);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("kafka-and-s3");
        boolean up = true;
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            r.withData("kafka", "up, " + brokers + " broker(s)");
        } catch (Exception e) {
            up = false;
            r.withData("kafka", "down: " + e);
        } 
        try {
            boolean bucket = store.client().bucketExists(BucketExistsArgs.builder().bucket(Buckets.DATA).build());
            r.withData("s3", bucket ? "up" : "up, but bucket " + Buckets.DATA + " is missing");
            up &= bucket;
        } catch (Exception e) {
            up = false;
            r.withData("s3", "down: " + e);
        }
        return r.status(up).build();
    }
}
