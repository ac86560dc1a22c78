package dev.stylefleet.cli;

import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.infra.LocalStackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole system (local stack, gateway, workers) shared by every test class that declares
 * {@code @ExtendWith(SharedFleet.class)}: a fleet takes tens of seconds and two CPU-heavy JVMs to start,
 * so the browser and CLI tests start it once per test JVM. It is stored in the root extension context,
 * which closes it when the whole run ends. Test methods and constructors get it as a {@link Fleet}
 * parameter. The training worker gets a random-weight VGG-16 file so that training jobs run, and the
 * inference worker a generated built-in root with one tiny style ({@link #BUILTIN_STYLE}) instead of the
 * jar's, so the built-in gallery is there (and small) whatever models the jar ships.
 */
final class SharedFleet implements ParameterResolver {
    /** The local stack's development key (tenant {@code local}), the CLI's default. */
    static final String LOCAL_KEY = "local-dev-key";
    /** The key of a second tenant, {@code cli-second}: its jobs and models are invisible to {@code local}. */
    static final String SECOND_TENANT_KEY = "cli-second-tenant-key";
    /** The built-in style of the shared fleet's generated built-in root. */
    static final String BUILTIN_STYLE = "fleet-wave";
    /** Its card's name ({@link GeneratedBuiltins}). */
    static final String BUILTIN_STYLE_NAME = "Generated " + BUILTIN_STYLE;

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedFleet.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(NS).getOrComputeIfAbsent("fleet", k -> new Holder(start()), Holder.class).fleet;
    }

    private static Fleet start() {
        try {
            Path logs = Files.createTempDirectory("shared-fleet-logs");
            // Training needs a VGG-16 file; the real one is not available offline (see RandomVgg16File).
            Path vgg = RandomVgg16File.write(logs.resolve("vgg16-random.h5"), 11);
            Path builtins = GeneratedBuiltins.writeStyles(logs.resolve("builtin"), List.of(BUILTIN_STYLE),
                    StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 5));
            return Fleet.start(new FleetConfig(Launcher.repoRoot(), LocalStackConfig.ephemeral(),
                    FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), logs,
                    Map.of("stylefleet.train.vgg16.weights-path", vgg.toString(),
                            "stylefleet.infer.builtin-root", builtins.toString(),
                            // The development key as usual, plus a second tenant for tests whose trained
                            // models must not become other tests' defaults (super-resolve without --model).
                            "stylefleet.api-keys." + LOCAL_KEY, "local",
                            "stylefleet.api-keys." + SECOND_TENANT_KEY, "cli-second")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    /** Closed by JUnit when the root context (the whole test run) ends. */
    private record Holder(Fleet fleet) implements AutoCloseable {
        @Override
        public void close() {
            fleet.close();
        }
    }
}
