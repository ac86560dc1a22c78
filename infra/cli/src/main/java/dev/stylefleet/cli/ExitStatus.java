package dev.stylefleet.cli;

/**
 * A child process's exit status in words. The JDK reports a process killed by signal {@code n} as
 * exit value {@code 128 + n} on Linux and macOS, as shells do; a JVM that ran its shutdown hooks on
 * SIGTERM or SIGINT exits with that same value, so the words say "signal" either way.
 */
final class ExitStatus {
    /** Exit values above this are {@code 128 + signal}. */
    private static final int SIGNAL_BASE = 128;
    /** The highest POSIX signal number on Linux ({@code SIGRTMAX}); above it a value is a plain exit code. */
    private static final int MAX_SIGNAL = 64;

    private ExitStatus() {}

    static String describe(int exitValue) {
        int signal = exitValue - SIGNAL_BASE;
        if (signal < 1 || signal > MAX_SIGNAL) {
            return "exit code " + exitValue;
        }
        String name = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
        return "exit code " + exitValue + " (" + name + ")";
    }
}
