package dev.stylefleet.train.pretrained;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stylefleet.platform.onnx.Float16;
import dev.stylefleet.train.net.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pretrained checkpoint in the deeplearn.js / ml5 layout (../shared/models/fast-style-transfer
 * and the built-in styles): {@value #MANIFEST} maps each variable name to
 * {@code {"filename": F, "shape": [..]}}, and file F holds the values raw, little-endian, C order,
 * TensorFlow layout. An entry may add {@code "dtype": "float16"} (the compact form this project
 * ships: kernels as half, widened to float32 here; 1-D variables stay float32, see
 * {@link Float16#storedAsHalf}); the default is float32. Any mix of dtypes is read.
 *
 * <p>Reading is strict, so that a truncated download or a checkpoint of another network fails with
 * a message that names the variable, never with a silently misloaded net: the manifest must be a
 * JSON object of well-formed entries, every file must exist with exactly shape x dtype bytes, every
 * value must be finite, and when a layer table is given the names and shapes must be exactly its
 * own (no variable missing, none extra).
 */
public final class PretrainedCheckpoint {
    public static final String MANIFEST = "manifest.json";

    /** How values are stored in a file. */
    public enum Dtype {
        FLOAT32(4), FLOAT16(2);

        private final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Dtype parse(String variable, String s) {
            for (Dtype d : values()) {
                if (d.wire().equals(s)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("variable " + variable + ": dtype must be float32 or float16, got '"
                    + s + "'");
        }
    }

    /** A plain file name: no directories, nothing hidden (the manifest must not reach outside its folder). */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");
    private static final int MAX_RANK = 8;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String source;
    private final Map<String, FloatTensor> variables;
    private final Map<String, Dtype> dtypes;

    private PretrainedCheckpoint(String source, Map<String, FloatTensor> variables, Map<String, Dtype> dtypes) {
        this.source = source;
        this.variables = Collections.unmodifiableMap(variables);
        this.dtypes = Collections.unmodifiableMap(dtypes);
    }

    /** Reads every variable of the manifest in {@code dir}, without a layer table to check against. */
    public static PretrainedCheckpoint read(Path dir) {
        return read(CheckpointSource.directory(dir), null);
    }

    /**
     * Reads and validates a checkpoint.
     *
     * @param expected the layer table (null: accept any names and shapes); the result then holds
     *                 the variables in its order
     * @throws IllegalArgumentException with a message naming the variable and file when anything
     *                                  is missing, malformed or of the wrong size or shape
     */
    public static PretrainedCheckpoint read(CheckpointSource source, List<ExpectedVariable> expected) {
        JsonNode manifest = manifest(source);
        Map<String, FloatTensor> values = new LinkedHashMap<>();
        Map<String, Dtype> dtypes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where(source) + ": variable " + name
                        + ": entry must be an object {\"filename\", \"shape\"[, \"dtype\"]}");
            }
            String file = fileName(source, name, entry.get("filename"));
            long[] shape = shape(source, name, entry.get("shape"));
            JsonNode dt = entry.get("dtype");
            if (dt != null && !dt.isTextual()) {
                throw new IllegalArgumentException(where(source) + ": variable " + name + ": dtype must be a string");
            }
            Dtype dtype = dt == null ? Dtype.FLOAT32 : Dtype.parse(name, dt.asText());
            values.put(name, new FloatTensor(shape, load(source, name, file, shape, dtype)));
            dtypes.put(name, dtype);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(where(source) + ": the manifest lists no variables");
        }
        if (expected != null) {
            values = checkLayout(source, values, expected);
            Map<String, Dtype> ordered = new LinkedHashMap<>();
            values.keySet().forEach(n -> ordered.put(n, dtypes.get(n)));
            return new PretrainedCheckpoint(source.describe(), values, ordered);
        }
        return new PretrainedCheckpoint(source.describe(), values, dtypes);
    }

    private static JsonNode manifest(CheckpointSource source) {
        byte[] bytes;
        try {
            bytes = source.read(MANIFEST);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("not a pretrained checkpoint: no " + MANIFEST + " in "
                    + source.describe());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + where(source), e);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(source) + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + where(source), e);
        }
        if (manifest == null || !manifest.isObject()) {
            throw new IllegalArgumentException(where(source)
                    + " must be a JSON object mapping each variable name to {\"filename\", \"shape\"}");
        }
        return manifest;
    }

    private static String fileName(CheckpointSource source, String variable, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(where(source) + ": variable " + variable
                    + ": \"filename\" is missing or not a string");
        }
        String f = node.asText();
        if (!FILE_NAME.matcher(f).matches() || f.equals(MANIFEST)) {
            throw new IllegalArgumentException(where(source) + ": variable " + variable + ": filename '" + f
                    + "' must be a plain file name in the same folder");
        }
        return f;
    }

    private static long[] shape(CheckpointSource source, String variable, JsonNode node) {
        if (node == null || !node.isArray() || node.size() > MAX_RANK) {
            throw new IllegalArgumentException(where(source) + ": variable " + variable
                    + ": \"shape\" must be an array of at most " + MAX_RANK + " positive integers");
        }
        long[] shape = new long[node.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 1) {
                throw new IllegalArgumentException(where(source) + ": variable " + variable + ": shape "
                        + node + " must hold positive integers");
            }
            shape[i] = d.asLong();
            count *= shape[i];
            if (count > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException(where(source) + ": variable " + variable + ": shape " + node
                        + " is too large");
            }
        }
        return shape;
    }

    private static float[] load(CheckpointSource source, String variable, String file, long[] shape, Dtype dtype) {
        byte[] bytes;
        try {
            bytes = source.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("variable " + variable + ": file " + file + " is missing in "
                    + source.describe());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " in " + source.describe(), e);
        }
        int count = Math.toIntExact(count(shape));
        long want = (long) count * dtype.bytes();
        if (bytes.length != want) {
            throw new IllegalArgumentException("variable " + variable + ": file " + file + " in " + source.describe()
                    + " has " + bytes.length + " bytes; shape " + Arrays.toString(shape) + " of " + dtype.wire()
                    + " needs " + want);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = dtype == Dtype.FLOAT32 ? buf.getFloat() : Float16.toFloat(buf.getShort());
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("variable " + variable + ": file " + file + " holds a non-finite"
                        + " value (" + v[i] + ") at index " + i);
            }
        }
        return v;
    }

    private static Map<String, FloatTensor> checkLayout(CheckpointSource source, Map<String, FloatTensor> values,
            List<ExpectedVariable> expected) {
        List<String> problems = new ArrayList<>();
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        for (ExpectedVariable e : expected) {
            FloatTensor t = values.get(e.name());
            if (t == null) {
                problems.add("variable " + e.name() + " (" + e.role() + ", shape " + Arrays.toString(e.shape())
                        + ") is missing");
            } else if (!Arrays.equals(t.shape(), e.shape())) {
                problems.add("variable " + e.name() + " has shape " + Arrays.toString(t.shape())
                        + "; the layer table expects " + Arrays.toString(e.shape()) + " (" + e.role() + ")");
            } else {
                ordered.put(e.name(), t);
            }
        }
        List<String> extra = new ArrayList<>(values.keySet());
        extra.removeAll(expected.stream().map(ExpectedVariable::name).toList());
        if (!extra.isEmpty()) {
            problems.add("unexpected variable(s) " + extra + " (the layer table has " + expected.size() + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + source.describe() + " does not match the layer table: "
                    + String.join("; ", problems));
        }
        return ordered;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static String where(CheckpointSource source) {
        return source.describe() + "/" + MANIFEST;
    }

    /**
     * Writes this checkpoint in the compact form: the same manifest layout, files named as the
     * variables; every variable of rank >= 2 (the kernels) as {@code "dtype": "float16"} half-precision
     * files, every 1-D variable (biases, instance-norm scale and shift) as {@code "dtype": "float32"},
     * unrounded ({@link Float16#storedAsHalf}: rounding the norm values moved the wave built-in's
     * output by up to 11.5 levels of 0..255, the kernels by ~1.06). Kernel values outside the half
     * range are refused (the widened net would differ, not just round).
     *
     * @return the largest absolute rounding error of the half-stored values, for the caller's report
     */
    public double writeCompact(Path dir) {
        double maxError = 0;
        try {
            Files.createDirectories(dir);
            ObjectNode manifest = JSON.createObjectNode();
            for (Map.Entry<String, FloatTensor> e : variables.entrySet()) {
                String name = e.getKey();
                float[] v = e.getValue().values();
                Dtype dtype = compactDtype(e.getValue().shape());
                ByteBuffer buf = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < v.length; i++) {
                    if (dtype == Dtype.FLOAT32) {
                        buf.putFloat(v[i]);
                        continue;
                    }
                    if (Math.abs(v[i]) > Float16.MAX) {
                        throw new IllegalArgumentException("variable " + name + ": value " + v[i] + " at index " + i
                                + " is outside the float16 range");
                    }
                    short h = Float16.fromFloat(v[i]);
                    maxError = Math.max(maxError, Math.abs(Float16.toFloat(h) - v[i]));
                    buf.putShort(h);
                }
                if (!FILE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("variable name " + name + " is not usable as a file name");
                }
                Files.write(dir.resolve(name), buf.array());
                ObjectNode entry = manifest.putObject(name);
                entry.put("filename", name);
                ArrayNode shape = entry.putArray("shape");
                for (long d : e.getValue().shape()) {
                    shape.add(d);
                }
                entry.put("dtype", dtype.wire());
            }
            Files.write(dir.resolve(MANIFEST), (JSON.writeValueAsString(manifest) + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing compact checkpoint " + dir, e);
        }
        return maxError;
    }

    /**
     * The dtype of a variable of this shape in the compact form: float16 for rank >= 2, float32 for
     * 1-D (and scalars), the rule the float16 ONNX export follows too ({@link Float16#storedAsHalf}).
     */
    public static Dtype compactDtype(long[] shape) {
        return Float16.storedAsHalf(shape.length) ? Dtype.FLOAT16 : Dtype.FLOAT32;
    }

    /**
     * This checkpoint as its compact form holds it: every variable of rank >= 2 rounded to the
     * nearest float16, 1-D variables unchanged (so a net converted from it, its float16 ONNX export
     * and its compact form all hold the same values). Values outside the half range are refused.
     */
    public PretrainedCheckpoint roundedToFloat16() {
        Map<String, FloatTensor> rounded = new LinkedHashMap<>();
        Map<String, Dtype> half = new LinkedHashMap<>();
        for (Map.Entry<String, FloatTensor> e : variables.entrySet()) {
            Dtype dtype = compactDtype(e.getValue().shape());
            if (dtype == Dtype.FLOAT32) {
                // 1-D: kept as is, whatever it was stored as (a float16 file's values are halves already).
                rounded.put(e.getKey(), e.getValue());
                half.put(e.getKey(), dtypes.get(e.getKey()));
                continue;
            }
            float[] v = e.getValue().values().clone();
            for (int i = 0; i < v.length; i++) {
                if (Math.abs(v[i]) > Float16.MAX) {
                    throw new IllegalArgumentException("variable " + e.getKey() + ": value " + v[i] + " at index " + i
                            + " is outside the float16 range");
                }
                v[i] = Float16.round(v[i]);
            }
            rounded.put(e.getKey(), new FloatTensor(e.getValue().shape(), v));
            half.put(e.getKey(), Dtype.FLOAT16);
        }
        return new PretrainedCheckpoint(source, rounded, half);
    }

    /** Every variable by manifest name: in layer-table order when read with one, else manifest order. */
    public Map<String, FloatTensor> variables() {
        return variables;
    }

    public FloatTensor variable(String name) {
        FloatTensor t = variables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no variable " + name + " in " + source);
        }
        return t;
    }

    /** How each variable was stored (its values are float32 here either way). */
    public Map<String, Dtype> dtypes() {
        return dtypes;
    }

    /**
     * float16 when every variable of rank >= 2 was stored as half (the compact form; its 1-D
     * variables may be stored either way, the compact form keeps them float32), else float32.
     */
    public Dtype storedDtype() {
        boolean kernelsHalf = variables.entrySet().stream()
                .filter(e -> Float16.storedAsHalf(e.getValue().shape().length))
                .allMatch(e -> dtypes.get(e.getKey()) == Dtype.FLOAT16);
        boolean anyHalf = dtypes.values().stream().anyMatch(d -> d == Dtype.FLOAT16);
        return kernelsHalf && anyHalf ? Dtype.FLOAT16 : Dtype.FLOAT32;
    }

    public long valueCount() {
        long n = 0;
        for (FloatTensor t : variables.values()) {
            n += t.values().length;
        }
        return n;
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }
}
