package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The export in a second runtime: onnxruntime-node runs {@link NodeParityFixture}'s exports and
 * compares with TensorFlow's outputs (src/test/node/parity.mjs). Part of every {@code ./mvnw verify}:
 * the build installs onnxruntime-node into target/node with npm before the integration tests (see
 * worker-train/pom.xml). It fails, with the reason and the command that fixes it, when node or the
 * package is missing: a second-runtime check that cannot run is not a check that passed.
 */
class NodeRuntimeParityIT {
    /** Generous bound for six small models on a loaded 2-core machine; a hang fails instead of blocking. */
    private static final long NODE_TIMEOUT_SECONDS = 300;

    @Test
    void onnxruntimeNodeGivesTheTensorFlowOutputs() throws Exception {
        Path modules = Path.of(System.getProperty("stylefleet.node-modules", "target/node/node_modules"));
        assertThat(modules.resolve("onnxruntime-node")).as("onnxruntime-node is not installed under %s: run "
                + "'npm install --prefix %s --ignore-scripts onnxruntime-node' (the build's pre-integration-test step "
                + "does it when npm is on PATH)", modules,
                modules.getParent()).isDirectory();
        Path fixture = Path.of("target", "node-parity");
        NodeParityFixture.write(fixture);
        Path log = fixture.resolve("parity.log");
        Process p;
        try {
            p = new ProcessBuilder("node", "src/test/node/parity.mjs", fixture.toString(), modules.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            fail("cannot run node (is it on PATH? Debian: apt-get install nodejs npm): " + e.getMessage());
            return;
        }
        if (!p.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node did not finish within " + NODE_TIMEOUT_SECONDS + " s; output so far:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains(NodeParityFixture.CASES.size() + "/" + NodeParityFixture.CASES.size()
                + " cases within");
    }
}
