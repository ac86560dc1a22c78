package dev.stylefleet.gateway.jobs;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A KafkaConsumer on its own daemon thread (KafkaConsumer is single-threaded and poll() blocks) that
 * survives failures: when {@link #consume} throws, the consumer is closed and a new one starts after
 * a back-off. {@link #stop()} ends it promptly: wakeup() ends a poll in progress and a latch the
 * back-off pause; the join is bounded all the same. (Not an interrupt: it would also cut short the
 * consumer's orderly close.)
 */
abstract class RestartingConsumer {
    private final Logger log = Logger.getLogger(getClass());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** The name of the thread and of this loop in logs. */
    protected abstract String name();

    protected abstract Properties properties();

    protected abstract Duration pollTimeout();

    protected abstract Duration retryBackoff();

    /** Uses the consumer until {@link #running()} turns false or something fails. */
    protected abstract void consume(KafkaConsumer<String, byte[]> c) throws Exception;

    /** After each consumer's life, whatever ended it. */
    protected void afterConsumer() {}

    protected final boolean running() {
        return running;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name());
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(pollTimeout().plus(retryBackoff()).toMillis());
            thread = null;
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                consume(c);
            } catch (WakeupException e) {
                if (running) {
                    log.warnf("%s woken up unexpectedly; restarting", name());
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                log.errorf(e, "%s failed; restarting in %s", name(), retryBackoff());
                pause(retryBackoff());
            } finally {
                consumer = null;
                afterConsumer();
            }
        }
    }

    /** Waits, cut short by {@link #stop()}. */
    protected final void pause(Duration d) {
        try {
            stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
