package dev.stylefleet.cli;

import java.nio.file.Path;

/** The stylefleet services the launcher runs as child processes, and where their builds live. */
public enum Service {
    GATEWAY("api-gateway"),
    INFER_WORKER("worker-infer"),
    TRAIN_WORKER("worker-train");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    /** The Quarkus fast-jar runner of this service under the repository root. */
    public Path runner(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
