package dev.stylefleet.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the checkout the CLI was started from. */
public final class Launcher {
    private Launcher() {}

    /**
     * The repository root: {@code -Dstylefleet.home} (set by the {@code ./stylefleet} script), else the
     * nearest parent of the working directory that holds the root {@code pom.xml} and {@code stylefleet}.
     */
    public static Path repoRoot() {
        String home = System.getProperty("stylefleet.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve("stylefleet"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the stylefleet checkout: run ./stylefleet from it");
    }
}
