package dev.stylefleet.cli;

/** Job ids are 32 lowercase hex digits (docs/api.md); anything else is a typo, caught before any call. */
final class JobIdArgument {
    static final String PATTERN = "[0-9a-f]{32}";

    private JobIdArgument() {}

    static String check(ApiCommand cmd, String id) {
        if (id == null || !id.matches(PATTERN)) {
            throw cmd.usage("ID: a job id is 32 lowercase hex digits, got '" + id + "'");
        }
        return id;
    }
}
