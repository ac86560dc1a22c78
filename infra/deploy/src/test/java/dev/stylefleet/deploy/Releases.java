package dev.stylefleet.deploy;

import dev.stylefleet.deploy.render.ChartRenderer;
import dev.stylefleet.deploy.render.ChartVariant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The chart rendered as the docs tell an operator to, once per variant and set of overrides. */
final class Releases {
    static final String RELEASE = "stylefleet";
    static final String NAMESPACE = "stylefleet";

    private Releases() {}

    /** The variant with the chart's Namespace included (so that it is validated too) and the given --set values. */
    static String render(ChartVariant variant, Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(set);
        values.putIfAbsent("namespace.create", true);
        return new ChartRenderer(StylefleetServices.CHART).render(variant, RELEASE, NAMESPACE, values);
    }

    /** The variant as the docs install it; rendered once per test JVM (each render loads the chart anew). */
    static String render(ChartVariant variant) {
        return PLAIN.computeIfAbsent(variant, v -> render(v, Map.of()));
    }

    private static final Map<ChartVariant, String> PLAIN = new ConcurrentHashMap<>();
}
