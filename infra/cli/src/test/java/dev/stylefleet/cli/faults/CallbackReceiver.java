package dev.stylefleet.cli.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stylefleet.schemas.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A callback receiver on loopback that misbehaves as receivers do: it answers a third of the delivery
 * attempts {@code 503}, holds some past the gateway's request timeout before answering {@code 200} (the
 * gateway has given up by then: a timeout), and answers the rest {@code 200} at once. Which attempt gets
 * what follows from its delivery id and attempt number, so a run is reproducible and every delivery is
 * eventually accepted. Every attempt is recorded with whether its signature verifies: recomputed here with
 * the JDK's HMAC-SHA256 over {@code t + "." + body} as docs/api.md says (not with the gateway's signer, so
 * that a bug there cannot hide itself).
 */
public final class CallbackReceiver implements AutoCloseable {
    /** Attempts per {@link #DECISIONS} answered 503 (a third). */
    static final int FAILING = 10;
    /** Attempts per {@link #DECISIONS} held past the gateway's timeout. */
    static final int HELD = 2;
    static final int DECISIONS = 30;
    /** How old a signature's {@code t} may be before it counts as a replay. */
    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);
    /** Threads answering: more than the gateway's delivery threads, so a held attempt blocks no other. */
    private static final int THREADS = 16;

    /** What the receiver answered an attempt. */
    public enum Answer { FAILED_503, HELD_THEN_200, OK_200 }

    /**
     * One delivery attempt as received.
     *
     * @param deliveryId      {@code Stylefleet-Delivery}
     * @param jobId           {@code job.id} of the body
     * @param state           {@code job.state} of the body
     * @param signatureValid  the HMAC over {@code t.body} matches and {@code t} is recent
     * @param bodySha256      of the raw body: every attempt of a delivery must carry the same bytes
     */
    public record Attempt(Instant at, String deliveryId, int attempt, String jobId, String state,
            boolean signatureValid, String bodySha256, Answer answer) {
        /** Accepted by the receiver while the gateway still waited: a delivery as the gateway sees it. */
        public boolean delivered() {
            return answer == Answer.OK_200;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final byte[] secret;
    private final Duration hold;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /**
     * @param secret the tenant's callback secret
     * @param hold   how long a held attempt waits before its 200: longer than the gateway's request timeout
     */
    public CallbackReceiver(String secret, Duration hold) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code host:port}, as {@code stylefleet.callbacks.allow-list} takes it. */
    public String hostPort() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The URL jobs name as {@code callbackUrl}. */
    public String url() {
        return "http://" + hostPort() + "/hook";
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Instant at = Instant.now();
            String deliveryId = exchange.getRequestHeaders().getFirst("Stylefleet-Delivery");
            int attempt = parseInt(exchange.getRequestHeaders().getFirst("Stylefleet-Attempt"));
            boolean valid = verify(exchange.getRequestHeaders().getFirst("Stylefleet-Signature"), body, at);
            String jobId = null;
            String state = null;
            try {
                JsonNode job = Messages.JSON.readTree(body).path("job");
                jobId = job.path("id").asText(null);
                state = job.path("state").asText(null);
            } catch (IOException notJson) {
                valid = false;
            }
            Answer answer = decide(deliveryId, attempt);
            if (answer == Answer.HELD_THEN_200) {
                try {
                    Thread.sleep(hold.toMillis()); // the misbehaviour under test, not synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            attempts.add(new Attempt(at, deliveryId, attempt, jobId, state, valid, sha256(body), answer));
            int status = answer == Answer.FAILED_503 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /**
     * A third 503, a fifteenth held, the rest 200: by the attempt's id, so reruns of a run agree. Drawn from
     * SHA-256 of the id, not {@code String.hashCode}: that one is linear in the last characters, so the
     * attempts 1, 2, 3, ... of one delivery fell on consecutive residues and some deliveries were refused
     * 28 times in a row (a receiver that never accepted, reported as a missing callback).
     */
    static Answer decide(String deliveryId, int attempt) {
        byte[] digest = digest((deliveryId + "#" + attempt).getBytes(StandardCharsets.UTF_8));
        int d = Integer.remainderUnsigned(ByteBuffer.wrap(digest).getInt(), DECISIONS);
        return d < FAILING ? Answer.FAILED_503 : d < FAILING + HELD ? Answer.HELD_THEN_200 : Answer.OK_200;
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, {@code t} within the window. */
    boolean verify(String header, byte[] body, Instant now) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > SIGNATURE_WINDOW.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            byte[] given;
            try {
                given = HexFormat.of().parseHex(v1);
            } catch (IllegalArgumentException notHex) {
                return false;
            }
            return MessageDigest.isEqual(expected, given); // constant time, as docs/api.md asks of receivers
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        return HexFormat.of().formatHex(digest(body));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
