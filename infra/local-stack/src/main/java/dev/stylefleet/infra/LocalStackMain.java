package dev.stylefleet.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack alone, without the services: for running one service from its IDE or
 * {@code quarkus:dev} against real Kafka and S3, and for measuring the start time.
 *
 * <pre>
 * ./mvnw -q -pl infra/local-stack exec:java -Dexec.mainClass=dev.stylefleet.infra.LocalStackMain \
 *     -Dexec.args="[--ephemeral] [--data-dir DIR] [--once]"
 * </pre>
 *
 * Without options it uses {@link LocalStackConfig#defaults()} (Kafka 9092, S3 9000,
 * ./.stylefleet/data) and runs until interrupted (Ctrl-C). {@code --once} stops right after the
 * start, printing the start time.
 */
public final class LocalStackMain {
    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalStackConfig config = LocalStackConfig.defaults();
        boolean once = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ephemeral" -> config = LocalStackConfig.ephemeral();
                case "--data-dir" -> {
                    if (i + 1 == args.length) {
                        usage("--data-dir needs a directory");
                    }
                    config = config.withDataDir(Path.of(args[++i]));
                }
                case "--once" -> once = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        LocalStack stack = LocalStack.start(config);
        System.out.println("started in " + stack.startupTime().toMillis() + " ms");
        stack.configProperties().forEach((k, v) -> System.out.println(k + "=" + v));
        if (once) {
            stack.close();
            return;
        }
        // The stack's own shutdown hook stops it on Ctrl-C; until then, just wait.
        new CountDownLatch(1).await();
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: LocalStackMain [--ephemeral] [--data-dir DIR] [--once]");
        System.exit(2);
    }
}
