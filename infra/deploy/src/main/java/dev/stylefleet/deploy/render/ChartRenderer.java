package dev.stylefleet.deploy.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders the chart with Helm itself, exactly as {@code helm template} would: helm-java embeds Helm's Go
 * library as a native library shipped in a Maven Central jar per platform, so the build needs no helm
 * binary and no cluster (rendering reads only the chart directory).
 */
public final class ChartRenderer {
    private final Path chart;

    public ChartRenderer(Path chart) {
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalArgumentException(chart + " is not a Helm chart (no Chart.yaml)");
        }
        this.chart = chart;
    }

    /**
     * The manifests of one variant as one multi-document YAML text.
     *
     * @param release the release name (prefix of every object's name)
     * @param namespace the release namespace
     * @param set values set on top of the variant's files, as {@code --set key=value}
     */
    public String render(ChartVariant variant, String release, String namespace, Map<String, Object> set) {
        TemplateCommand template = new Helm(chart).template().withName(release).withNamespace(namespace);
        for (String file : variant.valuesFiles()) {
            template = template.withValuesFile(chart.resolve(file));
        }
        for (Map.Entry<String, Object> value : set.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return template.call();
    }

    /**
     * {@code helm lint --strict} of the chart with its default values: Helm's own checks of the chart's
     * structure and templates, warnings counted as failures.
     *
     * @return Helm's messages, empty of failures when the chart passes
     */
    public Lint lint() {
        LintResult result = new Helm(chart).lint().strict().call();
        return new Lint(result.isFailed(), List.copyOf(result.getMessages()));
    }

    /** The outcome of {@link #lint()}. */
    public record Lint(boolean failed, List<String> messages) {}
}
