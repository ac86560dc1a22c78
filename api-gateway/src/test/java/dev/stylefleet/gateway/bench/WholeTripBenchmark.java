package dev.stylefleet.gateway.bench;

import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.schemas.JobEvent;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo's whole trip through the fleet, split by stage: the client's end-to-end time for real photos
 * (a 1024 x 768 PNG and a 12-megapixel JPEG made at run time from /work/shared/data/content/test, or
 * {@code --photo FILE}) for stylize ({@value #STYLE}) and {@value #SR}: upload (multipart, or a
 * presigned upload for the 12 MP JPEG), the gateway's submit (its {@code Server-Timing}: validate, store,
 * enqueue), the hand-off to the worker (202 → RUNNING), the worker's fetch, decode, inference, encode and
 * store (its {@code result.timings}), the SUCCEEDED event's way back to the client (SSE), and the
 * result's download ({@code GET /v1/jobs/{id}/result}).
 *
 * <p>The fleet runs twice on one ephemeral local stack, one packaged gateway and one packaged inference
 * worker each time: first with the behaviour before issue "A photo's whole trip"
 * ({@code stylefleet.infer.png-encoder=imageio}, {@code stylefleet.api.jpeg-input-format=png}), then
 * with the defaults. Writes the "## A photo's whole trip" section of docs/benchmarks.md. Run from the
 * repository root after packaging api-gateway and worker-infer:
 * <pre>
 * ./mvnw -o -q -pl api-gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stylefleet.gateway.bench.WholeTripBenchmark
 * </pre>
 * Arguments: {@code [ROOT] [--jobs N] [--sr-jobs N] [--big-jobs N] [--photo FILE] [--no-write]}: measured
 * jobs of the 1024 x 768 stylize case (5), of its sr-x4 case (2: 12.6 MP of output each) and per 12 MP
 * case (1); one warm-up job before the first case (the worker warms both models itself).
 */
public final class WholeTripBenchmark {
    static final String STYLE = "wave";
    static final String SR = "sr-x4";
    static final String KEY = "local-dev-key";
    /** sr-x4 of the 12 MP photo would be 192 MP, over the worker's max-output-pixels (64 MP): shrunk first. */
    static final int BIG_SR_MAX_SIDE = 512;
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    static final String PHOTO = "/work/shared/data/content/test/chicago.jpg";

    /** The two fleets: the behaviour before, and the defaults. */
    static final Map<String, Map<String, String>> MODES = new LinkedHashMap<>();

    static {
        MODES.put("before", Map.of("stylefleet.infer.png-encoder", "imageio", "stylefleet.api.jpeg-input-format", "png"));
        MODES.put("after", Map.of());
    }

    record Case(String name, byte[] image, String contentType, boolean presigned, String task, String model,
            Integer maxSide, int jobs) {}

    /** One job from the client: monotonic nanos of each step, wall times to compare with the worker's events. */
    record Trip(String id, long start, long uploaded, long accepted, long done, long downloaded, Instant acceptedAt,
            Instant doneAt, Map<String, Double> serverTiming, String resultType, int resultBytes) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String gateway;

    WholeTripBenchmark(String gateway) {
        this.gateway = gateway;
    }

    /** The arguments of this run, for the command the doc shows. */
    private static String runArgs = "";

    public static void main(String[] args) throws Exception {
        runArgs = String.join(" ", args);
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(cwd.resolve("api-gateway")) ? cwd : cwd.getParent();
        int jobs = 5;
        int srJobs = 2;
        int bigJobs = 1;
        boolean writeDocs = true;
        String photo = PHOTO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--sr-jobs" -> srJobs = Integer.parseInt(args[++i]);
                case "--big-jobs" -> bigJobs = Integer.parseInt(args[++i]);
                case "--photo" -> photo = args[++i];
                case "--no-write" -> writeDocs = false;
                default -> root = Path.of(args[i]).toAbsolutePath().normalize();
            }
        }
        BufferedImage source = ImageIO.read(new File(photo));
        byte[] png = encode(scaled(source, 1024, 768), "png", 0);
        byte[] jpeg = encode(scaled(source, 4000, 3000), "jpeg", 92);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("1024×768 PNG, stylize `" + STYLE + "`", png, "image/png", false, "stylize", STYLE, null, jobs));
        cases.add(new Case("1024×768 PNG, `" + SR + "`", png, "image/png", false, "super-resolve", SR, null, srJobs));
        cases.add(new Case("4000×3000 JPEG (12 MP), stylize `" + STYLE + "`", jpeg, "image/jpeg", true, "stylize", STYLE,
                null, bigJobs));
        cases.add(new Case("4000×3000 JPEG (12 MP), `" + SR + "` with maxSide=" + BIG_SR_MAX_SIDE, jpeg, "image/jpeg", true,
                "super-resolve", SR, BIG_SR_MAX_SIDE, bigJobs));
        cases.removeIf(c -> c.jobs() <= 0);

        Path logs = Files.createDirectories(root.resolve("api-gateway/target/bench"));
        List<Process> processes = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, Map<String, List<Map<String, Double>>>> results = new LinkedHashMap<>();
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            Path gatewayApp = FleetOverheadBenchmark.copy(root.resolve("api-gateway/target/quarkus-app"),
                    logs.resolve("whole-trip-gateway-app"));
            Path workerApp = FleetOverheadBenchmark.copy(root.resolve("worker-infer/target/quarkus-app"),
                    logs.resolve("whole-trip-worker-app"));
            for (Map.Entry<String, Map<String, String>> mode : MODES.entrySet()) {
                Map<String, String> common = new LinkedHashMap<>(stack.configProperties());
                common.put("smallrye.config.mapping.validate-unknown", "false");
                common.put("quarkus.http.host", "127.0.0.1");
                common.putAll(mode.getValue());
                int gatewayPort = FreePorts.pick();
                int managementPort = FreePorts.pick();
                Map<String, String> gatewayConfig = new LinkedHashMap<>(common);
                gatewayConfig.put("quarkus.management.port", Integer.toString(managementPort));
                Map<String, String> workerConfig = new LinkedHashMap<>(common);
                workerConfig.put("stylefleet.infer.worker-id", "trip-worker-" + mode.getKey());
                workerConfig.put("stylefleet.infer.warm", STYLE + "," + SR);
                List<Process> fleet = new ArrayList<>();
                fleet.add(FleetOverheadBenchmark.start(gatewayApp.resolve("quarkus-run.jar"), gatewayConfig, gatewayPort,
                        logs.resolve("whole-trip-gateway-" + mode.getKey() + ".log")));
                fleet.add(FleetOverheadBenchmark.start(workerApp.resolve("quarkus-run.jar"), workerConfig, FreePorts.pick(),
                        logs.resolve("whole-trip-worker-" + mode.getKey() + ".log")));
                processes.addAll(fleet);
                try {
                    FleetOverheadBenchmark.awaitReady("http://127.0.0.1:" + managementPort);
                    WholeTripBenchmark bench = new WholeTripBenchmark("http://127.0.0.1:" + gatewayPort);
                    bench.awaitModels();
                    Map<String, List<Trip>> trips = new LinkedHashMap<>();
                    for (Case c : cases) {
                        if (c == cases.get(0)) {
                            // The worker has run both models twice at the tile size before taking jobs
                            // (stylefleet.infer.warm); one job warms the rest of the path (HTTP, decode, encode).
                            bench.trip(c);
                        }
                        List<Trip> measured = new ArrayList<>();
                        for (int i = 0; i < c.jobs(); i++) {
                            Trip t = bench.trip(c);
                            measured.add(t);
                            System.out.printf(Locale.ROOT, "%s | %s | job %d: %.0f ms end to end, %s %d bytes%n",
                                    mode.getKey(), c.name(), i + 1, (t.downloaded() - t.start()) / 1e6, t.resultType(),
                                    t.resultBytes());
                        }
                        trips.put(c.name(), measured);
                    }
                    Map<String, FleetOverheadBenchmark.WorkerSide> events = FleetOverheadBenchmark.events(
                            stack.kafkaBootstrapServers());
                    Map<String, List<Map<String, Double>>> byCase = new LinkedHashMap<>();
                    Map<String, String> out = new LinkedHashMap<>();
                    trips.forEach((name, list) -> {
                        byCase.put(name, list.stream().map(t -> stages(t, events.get(t.id()))).toList());
                        Trip last = list.get(list.size() - 1);
                        out.put(name, String.format(Locale.ROOT, "%s, %.0f KiB", last.resultType(), last.resultBytes() / 1024.0));
                    });
                    results.put(mode.getKey(), byCase);
                    outputs.put(mode.getKey(), out);
                } finally {
                    for (Process p : fleet) {
                        p.destroy();
                    }
                    for (Process p : fleet) {
                        p.waitFor();
                    }
                    processes.removeAll(fleet);
                }
            }
        }
        String section = section(cases, results, outputs, png.length, jpeg.length, jobs, srJobs, bigJobs, loadBefore,
                Files.readString(Path.of("/proc/loadavg")).trim(), photo);
        System.out.println(section);
        if (writeDocs) {
            FleetOverheadBenchmark.write(root.resolve("docs/benchmarks.md"), "A photo's whole trip", section);
        }
    }

    static final String UPLOAD = "upload (client → gateway or object store)";
    static final String SUBMIT = "submit: validate, store, enqueue (Server-Timing)";
    static final String SUBMIT_HTTP = "submit: HTTP, multipart parsing, response";
    static final String TO_WORKER = "queue hand-off (202 → worker RUNNING)";
    static final String FETCH = "worker fetch (model lookup, input download)";
    static final String DECODE = "worker decode";
    static final String INFER = "worker inference (tiles, options)";
    static final String ENCODE = "worker encode";
    static final String STORE = "worker store (result upload)";
    static final String WORKER_OTHER = "worker, outside its timings (events)";
    static final String TO_CLIENT = "SUCCEEDED → client (SSE)";
    static final String DOWNLOAD = "download (GET result)";
    static final String END_TO_END = "**end to end**";
    static final String COMPUTE = "worker compute (decode + inference + encode)";
    static final String RATIO_INFER = "**end to end ÷ inference**";
    static final String RATIO_COMPUTE = "end to end ÷ compute";
    static final List<String> ROWS = List.of(UPLOAD, SUBMIT, SUBMIT_HTTP, TO_WORKER, FETCH, DECODE, INFER, ENCODE,
            STORE, WORKER_OTHER, TO_CLIENT, DOWNLOAD, END_TO_END, COMPUTE, RATIO_INFER, RATIO_COMPUTE);

    static Map<String, Double> stages(Trip t, FleetOverheadBenchmark.WorkerSide w) {
        if (w == null) {
            throw new IllegalStateException("no RUNNING/SUCCEEDED events with timings for job " + t.id());
        }
        JobEvent.Timings tm = w.timings();
        Map<String, Double> s = new LinkedHashMap<>();
        double submit = (t.accepted() - t.uploaded()) / 1e6;
        double timed = 0;
        for (String k : FleetOverheadBenchmark.SUBMIT_STAGES) {
            timed += t.serverTiming().getOrDefault(k, 0.0);
        }
        s.put(UPLOAD, (t.uploaded() - t.start()) / 1e6);
        s.put(SUBMIT, timed);
        s.put(SUBMIT_HTTP, submit - timed);
        s.put(TO_WORKER, Duration.between(t.acceptedAt(), w.running()).toNanos() / 1e6);
        s.put(FETCH, tm.fetchMs());
        double decode = tm.decodeMs() == null ? Double.NaN : tm.decodeMs();
        double infer = tm.inferMs() == null ? Double.NaN : tm.inferMs();
        double encode = tm.encodeMs() == null ? Double.NaN : tm.encodeMs();
        s.put(DECODE, decode);
        s.put(INFER, infer);
        s.put(ENCODE, encode);
        s.put(STORE, tm.storeMs());
        s.put(WORKER_OTHER, Duration.between(w.running(), w.succeeded()).toNanos() / 1e6 - tm.totalMs());
        s.put(TO_CLIENT, Duration.between(w.succeeded(), t.doneAt()).toNanos() / 1e6);
        s.put(DOWNLOAD, (t.downloaded() - t.done()) / 1e6);
        double total = (t.downloaded() - t.start()) / 1e6;
        s.put(END_TO_END, total);
        s.put(COMPUTE, tm.computeMs());
        s.put(RATIO_INFER, total / infer);
        s.put(RATIO_COMPUTE, total / tm.computeMs());
        return s;
    }

    /** Upload, submit, SSE to SUCCEEDED, download: one job. */
    Trip trip(Case c) throws Exception {
        long start = System.nanoTime();
        String uploadId = null;
        if (c.presigned()) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/uploads"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"contentType\":\"" + c.contentType() + "\",\"sizeBytes\":"
                            + c.image().length + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/uploads answered " + created.statusCode() + ": " + created.body());
            }
            uploadId = field(created.body(), "uploadId");
            String url = field(created.body(), "url").replace("\\u0026", "&").replace("\\/", "/");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", c.contentType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(c.image())).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("PUT to the upload URL answered " + put.statusCode() + ": " + put.body());
            }
        }
        String boundary = "trip" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String[]> fields = new ArrayList<>(List.of(new String[] {"task", c.task()}, new String[] {"model", c.model()}));
        if (c.maxSide() != null) {
            fields.add(new String[] {"maxSide", c.maxSide().toString()});
        }
        if (uploadId != null) {
            fields.add(new String[] {"uploadId", uploadId});
        }
        for (String[] f : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (uploadId == null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo\"\r\n"
                    + "Content-Type: " + c.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(c.image());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] form = body.toByteArray();
        // For a multipart image the upload is the request itself: its time is the POST's minus the
        // gateway's own (below); for a presigned upload it is the POST /v1/uploads and the PUT.
        long uploaded = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(), HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        Instant acceptedAt = Instant.now();
        if (r.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        }
        String id = field(r.body(), "id");
        FleetOverheadBenchmark.Succeeded succeeded = FleetOverheadBenchmark.awaitSucceeded(http, gateway, KEY, id,
                JOB_TIMEOUT);
        long done = succeeded.nanos();
        Instant doneAt = succeeded.at();
        HttpResponse<byte[]> result = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs/" + id + "/result"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        long downloaded = System.nanoTime();
        if (result.statusCode() != 200) {
            throw new IllegalStateException("GET result answered " + result.statusCode());
        }
        // The multipart case's upload: the POST's time less the gateway's own work and the answer.
        Map<String, Double> timing = FleetOverheadBenchmark.serverTiming(r.headers().firstValue("Server-Timing").orElse(""));
        if (uploadId == null) {
            // Unknown split of the POST between the bytes' transfer and the HTTP layer: all of it that the
            // gateway does not time is counted as upload.
            double gatewayMs = timing.values().stream().mapToDouble(Double::doubleValue).sum();
            long transfer = (accepted - uploaded) - (long) (gatewayMs * 1e6);
            uploaded = start + Math.max(0, transfer);
        }
        return new Trip(id, start, uploaded, accepted, done, downloaded, acceptedAt, doneAt, timing,
                result.headers().firstValue("Content-Type").orElse("?"), result.body().length);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    void awaitModels() throws Exception {
        Instant deadline = Instant.now().plus(FleetOverheadBenchmark.READY);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/models"))
                    .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"" + STYLE + "\"") && r.body().contains("\"" + SR + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(STYLE + " and " + SR + " not in the registry");
    }

    static BufferedImage scaled(BufferedImage src, int w, int h) {
        // Cover w x h, centre crop: the photo keeps its proportions.
        double f = Math.max((double) w / src.getWidth(), (double) h / src.getHeight());
        int sw = (int) Math.ceil(src.getWidth() * f);
        int sh = (int) Math.ceil(src.getHeight() * f);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, (w - sw) / 2, (h - sh) / 2, sw, sh, null);
        g.dispose();
        return out;
    }

    static byte[] encode(BufferedImage image, String format, int quality) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("png")) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            w.write(null, new IIOImage(image, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    static double median(List<Map<String, Double>> jobs, String row) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Double> j : jobs) {
            v.add(j.get(row));
        }
        return FleetOverheadBenchmark.percentile(v, 0.5);
    }

    static String section(List<Case> cases, Map<String, Map<String, List<Map<String, Double>>>> results,
            Map<String, Map<String, String>> outputs, int pngBytes, int jpegBytes, int jobs, int srJobs, int bigJobs,
            String loadBefore, String loadAfter, String photo) {
        StringBuilder s = new StringBuilder();
        s.append("## A photo's whole trip\n\n");
        s.append("End to end for real photos, one job at a time, split by stage (medians, ms): upload (client → gateway as ")
                .append("a multipart part for the PNG; `POST /v1/uploads` and the presigned PUT for the 12 MP JPEG), the ")
                .append("gateway's submit (its `Server-Timing`: validate, store, enqueue; the rest of the POST's time ")
                .append("is counted as upload for a multipart image), the hand-off to the worker (202 → RUNNING), the ")
                .append("worker's own timings from its SUCCEEDED event (fetch; decode, inference, encode; store), the ")
                .append("event's way back (SSE) and the download (`GET /v1/jobs/{id}/result`). Photos made at run time from `")
                .append(Path.of(photo).getFileName()).append("`: cropped and scaled to 1024×768 and written as PNG (")
                .append(String.format(Locale.ROOT, "%.0f KiB", pngBytes / 1024.0)).append("), scaled to 4000×3000 and ")
                .append("written as JPEG quality 92 (").append(String.format(Locale.ROOT, "%.0f KiB", jpegBytes / 1024.0))
                .append("). `sr-x4` of the 12 MP photo would be 192 MP, over the worker's `max-output-pixels` (64 MP), so ")
                .append("it runs with `maxSide=").append(BIG_SR_MAX_SIDE).append("`. ").append(jobs)
                .append(" measured jobs of the 1024×768 stylize case, ").append(srJobs).append(" of its `sr-x4` case, ")
                .append(bigJobs).append(" per 12 MP case, after one warm-up job (the worker itself runs both models ")
                .append("twice at the tile size before it takes jobs); no `format` sent. Ephemeral local stack, one packaged ")
                .append("gateway and one packaged inference worker, started twice in the same run: **before** = ")
                .append("`stylefleet.infer.png-encoder=imageio`, `stylefleet.api.jpeg-input-format=png` (the behaviour ")
                .append("before this change), **after** = the defaults (`png-encoder=fast`, level 1, Up filter, bands ")
                .append("deflated on every core; a JPEG input without `format` gets a JPEG).\n\n");
        for (String mode : results.keySet()) {
            s.append("**").append(mode).append("**\n\n| stage |");
            for (Case c : cases) {
                s.append(' ').append(c.name()).append(" |");
            }
            s.append("\n|---|");
            s.append("---|".repeat(cases.size()));
            s.append('\n');
            for (String row : ROWS) {
                s.append("| ").append(row).append(" |");
                for (Case c : cases) {
                    double v = median(results.get(mode).get(c.name()), row);
                    boolean ratio = row.contains("÷");
                    s.append(' ').append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, ratio ? "%.2f×" : "%.0f", v))
                            .append(" |");
                }
                s.append('\n');
            }
            s.append("| result (last job) |");
            for (Case c : cases) {
                s.append(' ').append(outputs.get(mode).get(c.name())).append(" |");
            }
            s.append("\n\n");
        }
        s.append("Target: end to end at most 1.3× the compute time for a 1024×768 photo. CPU: ")
                .append(FleetOverheadBenchmark.cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, flags: ").append(cpuFlags()).append(". Machine load (/proc/loadavg) before: `")
                .append(loadBefore).append("`, after: `").append(loadAfter).append("`.\n\n");
        s.append("Command (repository root, after `./mvnw -o -q -pl worker-infer install -DskipTests` and "
                + "`./mvnw -o -q -pl api-gateway package -DskipTests`):\n\n");
        s.append("```sh\n./mvnw -o -q -pl api-gateway test-compile exec:java -Dexec.classpathScope=test \\\n"
                + "    -Dexec.mainClass=dev.stylefleet.gateway.bench.WholeTripBenchmark"
                + (runArgs.isBlank() ? "" : " \\\n    -Dexec.args=\"" + runArgs + "\"") + "\n```\n");
        return s.toString();
    }

    /** The vector flags that matter to inference, from /proc/cpuinfo. */
    static String cpuFlags() {
        try {
            String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().orElse("");
            List<String> keep = new ArrayList<>();
            for (String f : flags.substring(flags.indexOf(':') + 1).trim().split("\\s+")) {
                if (f.startsWith("avx") || f.startsWith("sse4") || f.equals("fma") || f.startsWith("amx")) {
                    keep.add(f);
                }
            }
            return keep.isEmpty() ? "unknown" : "`" + String.join(" ", keep) + "`";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
