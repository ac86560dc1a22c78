package dev.stylefleet.deploy.validate;

import java.util.List;

/** The manifests of a release were refused; the message lists every problem, one a line. */
public final class InvalidManifestException extends RuntimeException {
    private final List<String> problems;

    public InvalidManifestException(String release, List<String> problems) {
        super(release + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
