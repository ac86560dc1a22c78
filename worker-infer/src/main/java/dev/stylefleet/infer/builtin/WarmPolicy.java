package dev.stylefleet.infer.builtin;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ModelManifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which built-in models a worker loads and runs once before it takes its first job
 * ({@code stylefleet.infer.warm}): creating an ONNX Runtime session and the first run on it cost several
 * times a warm run, which a user would otherwise pay on the first job of every style.
 *
 * <p>Tokens: {@value #BUILTIN_STYLES} (default: every built-in style), {@value #BUILTIN} (every built-in,
 * the super-resolution ones and the bicubic baselines included), {@value #NONE}, or model ids of
 * built-ins. Several tokens add up; {@value #NONE} alone turns warming off.
 */
public record WarmPolicy(boolean allStyles, boolean all, Set<String> ids) {
    public static final String BUILTIN_STYLES = "builtin-styles";
    public static final String BUILTIN = "builtin";
    public static final String NONE = "none";

    public static final WarmPolicy OFF = new WarmPolicy(false, false, Set.of());
    public static final WarmPolicy DEFAULT = new WarmPolicy(true, false, Set.of());

    public WarmPolicy {
        ids = Set.copyOf(ids);
    }

    public static WarmPolicy parse(List<String> tokens) {
        boolean styles = false;
        boolean all = false;
        boolean none = false;
        Set<String> ids = new LinkedHashSet<>();
        for (String raw : tokens) {
            String t = raw.strip();
            if (t.isEmpty()) {
                continue;
            }
            switch (t) {
                case BUILTIN_STYLES -> styles = true;
                case BUILTIN -> all = true;
                case NONE -> none = true;
                default -> {
                    if (!BuiltinIndex.MODEL_ID.matcher(t).matches()) {
                        throw new IllegalArgumentException("stylefleet.infer.warm: '" + t + "' is neither "
                                + BUILTIN_STYLES + ", " + BUILTIN + ", " + NONE + " nor a model id");
                    }
                    ids.add(t);
                }
            }
        }
        if (none && (styles || all || !ids.isEmpty())) {
            throw new IllegalArgumentException("stylefleet.infer.warm: '" + NONE + "' cannot be combined with other values");
        }
        return new WarmPolicy(styles, all, ids);
    }

    /** The built-ins to warm, in the order given (publishing order). */
    public List<ModelManifest> select(List<ModelManifest> builtins) {
        List<ModelManifest> out = new ArrayList<>();
        for (ModelManifest m : builtins) {
            if (all || ids.contains(m.modelId()) || (allStyles && InferJobRequested.TASK_STYLIZE.equals(m.task()))) {
                out.add(m);
            }
        }
        return out;
    }
}
