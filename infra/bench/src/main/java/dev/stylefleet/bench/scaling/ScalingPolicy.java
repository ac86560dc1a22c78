package dev.stylefleet.bench.scaling;

/**
 * One HPA scaling policy ({@code behavior.scaleUp/scaleDown.policies[]}): at most {@code value} pods
 * ({@link Type#PODS}) or {@code value} percent ({@link Type#PERCENT}) of the replicas at the start of
 * any {@code periodSeconds} window.
 */
record ScalingPolicy(Type type, int value, double periodSeconds) {
    enum Type { PODS, PERCENT }

    static ScalingPolicy pods(int value, double periodSeconds) {
        return new ScalingPolicy(Type.PODS, value, periodSeconds);
    }

    static ScalingPolicy percent(int value, double periodSeconds) {
        return new ScalingPolicy(Type.PERCENT, value, periodSeconds);
    }
}
