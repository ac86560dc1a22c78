package dev.stylefleet.bench.infer;

import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.export.OnnxExporter;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FlopCounter;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The inference benchmark's network: worker-train's {@code TransformerNet} with seeded random weights,
 * written as a checkpoint and exported by {@link OnnxExporter} (the path {@code model init} and every
 * trained model take), so the benchmark times the ONNX graph the inference worker really runs.
 *
 * @param arch    the architecture
 * @param options norm, upsampling, padding, width, ...
 * @param onnx    the exported model
 */
public record StyleNetwork(ArchSpec arch, NetOptions options, byte[] onnx) {
    /**
     * The paper's style network (the {@code style} preset: c9s1-32, d64, d128, R128 x5, u64, u32, c9s1-3)
     * with batch norm, which the export folds into the convolutions, transposed convolutions and zero
     * padding ({@link NetOptions#PAPER}).
     */
    public static StyleNetwork paper(long seed) {
        return export(ArchSpec.preset("style"), NetOptions.PAPER, seed);
    }

    /** A random-weight network of this architecture, exported to ONNX (the checkpoint goes to a temporary folder). */
    public static StyleNetwork export(ArchSpec arch, NetOptions options, long seed) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bench-style-net");
            try (TransformerSession s = TransformerSession.create(arch, options, seed, 1)) {
                Checkpoint.write(s, dir, CheckpointMetadata.of(arch, options, seed, 0, List.of(),
                        Map.of("kind", "random-init", "seed", seed)));
            }
            return new StyleNetwork(arch, options, OnnxExporter.exportCheckpoint(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** FLOPs of one {@code height x width} image ({@link FlopCounter}: 2 x multiply-accumulates of the convolutions). */
    public double flops(int height, int width) {
        return FlopCounter.count(arch, options, height, width);
    }

    /** What the model's manifest and the benchmark's text call it. */
    public String describe() {
        return arch.canonical() + " (" + options.describe() + ")";
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir, e);
        }
    }
}
