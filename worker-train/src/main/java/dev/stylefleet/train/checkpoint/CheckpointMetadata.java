package dev.stylefleet.train.checkpoint;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.NetOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.json}, next to the TensorFlow checkpoint files in a checkpoint directory:
 * everything needed to rebuild the graph the variables belong to, and where they came from.
 *
 * @param format       layout version of this file ({@link #FORMAT})
 * @param architecture canonical architecture string ({@link ArchSpec#canonical()})
 * @param preset       preset name when the network was built from one, else null
 * @param options      network options
 * @param seed         seed of the initial values
 * @param step         training steps taken (0 for a freshly initialised network)
 * @param lossHistory  losses recorded during training, oldest first
 * @param trainingSpec what produced the checkpoint: training parameters and job id, or
 *                     {@code {"kind": "random-init"}}; free-form JSON, copied into the ONNX metadata
 * @param codeVersion  {@link CodeVersion} of the writer
 * @param created      when the checkpoint was written
 */
public record CheckpointMetadata(
        int format,
        String architecture,
        String preset,
        Options options,
        long seed,
        long step,
        List<LossPoint> lossHistory,
        Map<String, Object> trainingSpec,
        String codeVersion,
        Instant created) {

    public static final int FORMAT = 1;

    public CheckpointMetadata {
        lossHistory = lossHistory == null ? List.of() : List.copyOf(lossHistory);
        trainingSpec = trainingSpec == null ? Map.of() : Map.copyOf(trainingSpec);
    }

    /** Metadata for a network at {@code step}, written now by this code version. */
    public static CheckpointMetadata of(ArchSpec arch, NetOptions options, long seed, long step,
            List<LossPoint> lossHistory, Map<String, Object> trainingSpec) {
        return new CheckpointMetadata(FORMAT, arch.canonical(), arch.preset(), Options.of(options), seed, step,
                lossHistory, trainingSpec, CodeVersion.get(), Instant.now());
    }

    public ArchSpec arch() {
        ArchSpec parsed = ArchSpec.parse(architecture);
        return preset == null ? parsed : new ArchSpec(preset, parsed.layers());
    }

    public NetOptions netOptions() {
        return options.toNetOptions();
    }

    /**
     * Options as written in JSON: lower-case wire names. The fields after {@code width} came later;
     * a file without them (written before) reads as their defaults.
     */
    public record Options(String norm, String upsample, String padding, double width, String input, String output,
            Boolean outputNorm, String skip, Double normEpsilon) {
        public static Options of(NetOptions o) {
            return new Options(o.norm().wire(), o.upsample().wire(), o.padding().wire(), o.width(), o.input().wire(),
                    o.output().wire(), o.outputNorm(), o.skip().wire(), o.normEpsilon());
        }

        public NetOptions toNetOptions() {
            NetOptions o = new NetOptions(NetOptions.Norm.parse(norm), NetOptions.Upsample.parse(upsample),
                    NetOptions.Padding.parse(padding), width);
            if (input != null) {
                o = o.withInput(NetOptions.Input.parse(input));
            }
            if (output != null) {
                o = o.withOutput(NetOptions.Output.parse(output));
            }
            if (outputNorm != null) {
                o = o.withOutputNorm(outputNorm);
            }
            if (skip != null) {
                o = o.withSkip(NetOptions.Skip.parse(skip));
            }
            if (normEpsilon != null) {
                o = o.withNormEpsilon(normEpsilon);
            }
            return o;
        }
    }

    /** Losses at one training step, by name (for example total, content, style, tv). */
    public record LossPoint(long step, Map<String, Double> losses) {}
}
