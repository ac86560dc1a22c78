package dev.stylefleet.train.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transform network's architecture string, parsed: the single source of truth from which the
 * TensorFlow graph ({@link TransformerNet}), the ONNX export and the FLOP count are all derived.
 *
 * <p>Notation of the authors' code (see {@link LayerSpec}): {@code c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3}.
 * The last token must be a convolution with 3 filters (the RGB output). Presets:
 * <ul>
 *   <li>{@code style}: supplementary Table 1 with five residual blocks (the main paper's count);</li>
 *   <li>{@code style-plain}: the same with each residual block replaced by two plain 3x3 conv layers
 *       (supplementary section 2);</li>
 *   <li>{@code sr4}, {@code sr8}: Table 2, x4 and x8 super-resolution.</li>
 * </ul>
 *
 * @param preset the preset name when parsed from one, else null
 * @param layers tokens in order, with {@code R128x5} expanded to five entries
 */
public record ArchSpec(String preset, List<LayerSpec> layers) {

    public static final Map<String, String> PRESETS;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("style", "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3");
        p.put("style-plain", "c9s1-32,d64,d128,C128x5,u64,u32,c9s1-3");
        p.put("sr4", "c9s1-64,R64x4,u64,u64,c9s1-3");
        p.put("sr8", "c9s1-64,R64x4,u64,u64,u64,c9s1-3");
        PRESETS = Collections.unmodifiableMap(p);
    }

    private static final Pattern CONV = Pattern.compile("c(\\d+)s(\\d+)-(\\d+)");
    private static final Pattern SIMPLE = Pattern.compile("([duRC])(\\d+)(?:x(\\d+))?");
    /** A guard against absurd strings, not a limit of the method. */
    private static final int MAX_FILTERS = 4096;
    private static final int MAX_REPEAT = 64;

    public ArchSpec {
        layers = List.copyOf(layers);
        validate(layers);
    }

    /** A preset name ({@link #PRESETS}) or an architecture string. */
    public static ArchSpec parse(String presetOrArch) {
        if (presetOrArch == null || presetOrArch.isBlank()) {
            throw new IllegalArgumentException("arch must be a preset (" + String.join(", ", PRESETS.keySet())
                    + ") or an architecture string such as c9s1-32,d64,R64,u32,c9s1-3; got nothing");
        }
        String s = presetOrArch.trim();
        String preset = PRESETS.containsKey(s) ? s : null;
        String arch = preset != null ? PRESETS.get(s) : s;
        List<LayerSpec> layers = new ArrayList<>();
        for (String raw : arch.split(",")) {
            String token = raw.trim();
            Matcher c = CONV.matcher(token);
            Matcher m = SIMPLE.matcher(token);
            if (c.matches()) {
                layers.add(new LayerSpec.Conv(number(c.group(1), token), number(c.group(2), token),
                        number(c.group(3), token)));
            } else if (m.matches()) {
                int filters = number(m.group(2), token);
                int repeat = m.group(3) == null ? 1 : number(m.group(3), token);
                char kind = m.group(1).charAt(0);
                if (repeat > 1 && kind != 'R' && kind != 'C') {
                    throw new IllegalArgumentException("arch token '" + token
                            + "': only R and C blocks take a repeat count (xN)");
                }
                if (repeat > MAX_REPEAT) {
                    throw new IllegalArgumentException("arch token '" + token + "': repeat count must be at most "
                            + MAX_REPEAT);
                }
                for (int i = 0; i < repeat; i++) {
                    layers.add(switch (kind) {
                        case 'd' -> new LayerSpec.Down(filters);
                        case 'u' -> new LayerSpec.Up(filters);
                        case 'R' -> new LayerSpec.Residual(filters);
                        default -> new LayerSpec.Plain(filters);
                    });
                }
            } else {
                throw new IllegalArgumentException("arch token '" + token + "' is not one of c<k>s<s>-<f>, d<f>, "
                        + "R<f>[x<n>], C<f>[x<n>], u<f> (for example c9s1-32, d64, R128x5, u64)");
            }
        }
        return new ArchSpec(preset, layers);
    }

    public static ArchSpec preset(String name) {
        if (!PRESETS.containsKey(name)) {
            throw new IllegalArgumentException("preset must be one of " + String.join(", ", PRESETS.keySet())
                    + ", got '" + name + "'");
        }
        return parse(name);
    }

    /** Canonical architecture string: consecutive identical R/C blocks grouped as {@code R128x5}. */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.size(); ) {
            LayerSpec l = layers.get(i);
            int j = i + 1;
            if (l instanceof LayerSpec.Residual || l instanceof LayerSpec.Plain) {
                while (j < layers.size() && layers.get(j).equals(l)) {
                    j++;
                }
            }
            sb.append(sb.isEmpty() ? "" : ",").append(l.token()).append(j - i > 1 ? "x" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }

    /** The preset name, or the canonical string. */
    public String name() {
        return preset != null ? preset : canonical();
    }

    /** Product of all strides: inputs are padded to a multiple of this inside the network. */
    public int downsampleFactor() {
        int f = 1;
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Conv c) {
                f *= c.stride();
            } else if (l instanceof LayerSpec.Down) {
                f *= 2;
            }
        }
        return f;
    }

    public int upsampleFactor() {
        int f = 1;
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Up) {
                f *= 2;
            }
        }
        return f;
    }

    /** Output size / input size: 1 for style networks, 4 or 8 for super-resolution. */
    public int scale() {
        return upsampleFactor() / downsampleFactor();
    }

    public LayerSpec.Conv outputLayer() {
        return (LayerSpec.Conv) layers.get(layers.size() - 1);
    }

    /**
     * Smallest input height or width the network accepts with these options. The input is padded
     * to a multiple of the downsampling factor by reflection, which needs the pad to be smaller
     * than the input; with reflection padding every padded activation must also be larger than
     * its padding. Checked side by side, smallest first (the bound is tiny: 8 for {@code style}).
     */
    public int minInputSide(NetOptions options) {
        int d = downsampleFactor();
        for (int side = 1; ; side++) {
            int padded = ((side + d - 1) / d) * d;
            if (padded - side >= side) {
                continue;
            }
            if (options.padding() == NetOptions.Padding.ZERO || reflectFits(padded, options)) {
                return side;
            }
        }
    }

    private boolean reflectFits(int padded, NetOptions options) {
        int size = padded; // side of the activation the next layer reads
        for (LayerSpec l : layers) {
            int pad;
            int stride = 1;
            if (l instanceof LayerSpec.Conv c) {
                pad = c.kernel() / 2;
                stride = c.stride();
            } else if (l instanceof LayerSpec.Down) {
                pad = LayerSpec.Down.KERNEL / 2;
                stride = 2;
            } else if (l instanceof LayerSpec.Up) {
                // The resize variant pads the upsampled activation; the deconv pads nothing.
                size *= 2;
                pad = options.upsample() == NetOptions.Upsample.RESIZE ? LayerSpec.Up.KERNEL / 2 : 0;
            } else {
                pad = LayerSpec.Residual.KERNEL / 2;
            }
            if (size <= pad) {
                return false;
            }
            size /= stride;
        }
        return true;
    }

    private static void validate(List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("arch must have at least one layer");
        }
        int channels = 3;
        int down = 1;
        int up = 1;
        for (LayerSpec l : layers) {
            if (l.filters() < 1 || l.filters() > MAX_FILTERS) {
                throw new IllegalArgumentException("arch token '" + l.token() + "': filters must be in 1.."
                        + MAX_FILTERS);
            }
            if (l instanceof LayerSpec.Conv c) {
                if (c.kernel() < 1 || c.kernel() % 2 == 0 || c.kernel() > 15) {
                    throw new IllegalArgumentException("arch token '" + c.token()
                            + "': kernel must be odd and at most 15 (symmetric padding)");
                }
                if (c.stride() < 1 || c.stride() > 4) {
                    throw new IllegalArgumentException("arch token '" + c.token() + "': stride must be in 1..4");
                }
                down *= c.stride();
            } else if (l instanceof LayerSpec.Down) {
                down *= 2;
            } else if (l instanceof LayerSpec.Up) {
                up *= 2;
            } else if (l instanceof LayerSpec.Residual r && r.filters() != channels) {
                throw new IllegalArgumentException("arch token '" + r.token() + "': a residual block keeps its "
                        + "channels, so it needs " + r.filters() + " input channels; the previous layer has "
                        + channels);
            }
            channels = l.filters();
        }
        LayerSpec last = layers.get(layers.size() - 1);
        if (!(last instanceof LayerSpec.Conv c) || c.filters() != 3 || c.stride() != 1) {
            throw new IllegalArgumentException("arch must end with a stride-1 convolution with 3 filters "
                    + "(the RGB output), for example c9s1-3; got '" + last.token() + "'");
        }
        if (up < down || up % down != 0) {
            throw new IllegalArgumentException("arch must upsample by a whole multiple of its downsampling: "
                    + "downsampling x" + down + ", upsampling x" + up);
        }
    }

    private static int number(String digits, String token) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("arch token '" + token + "': number too large");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
