package dev.stylefleet.gateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's allowed package dependencies, in one place: {@link GatewayLayersTest} checks them on
 * the production classes and {@link GatewayRulesProofTest} shows that they fail on a violating class.
 * Each rule is built for a root package so that the proof can aim the same definition at a test-only
 * fixture tree ({@code dev.stylefleet.gateway.archfixture}).
 *
 * <pre>
 *   api                     REST resources, forms, request validation, the error mapper
 *    |
 *    v
 *   jobs, callbacks, images, auth, infra, ops, views, timing, admission
 *    |                      (among themselves: no cycles; callbacks -> jobs, never back)
 *    v
 *   errors                  ErrorCode, ApiException, ErrorBody
 * </pre>
 * The root package holds the configuration ({@code GatewayConfig}), which every layer may read and
 * which reads none of them.
 */
public final class GatewayRules {
    /** The production root. */
    public static final String GATEWAY = "dev.stylefleet.gateway";

    public static final ArchRule LAYERS = layers(GATEWAY);
    public static final ArchRule NOTHING_BELOW_DEPENDS_ON_API = nothingBelowDependsOnApi(GATEWAY);
    public static final ArchRule ERRORS_DEPEND_ON_NO_OTHER_PACKAGE = errorsDependOnNoOtherPackage(GATEWAY);
    public static final ArchRule CONFIG_DEPENDS_ON_NO_PACKAGE = configDependsOnNoPackage(GATEWAY);
    public static final ArchRule NO_PACKAGE_CYCLES = noPackageCycles(GATEWAY);
    public static final ArchRule NO_WORKER_OR_CLI_CODE = noClasses().that().resideInAPackage(GATEWAY + "..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stylefleet.train..", "dev.stylefleet.infer..",
                    "dev.stylefleet.cli..")
            .because("the services talk only through Kafka and S3, with the contracts of the schemas module");

    private GatewayRules() {}

    /** api on top, the feature packages in the middle, errors at the bottom. */
    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy(root + ".api..")
                .layer("features").definedBy(root + ".jobs..", root + ".callbacks..", root + ".images..",
                        root + ".auth..", root + ".infra..", root + ".ops..", root + ".views..", root + ".timing..",
                        root + ".admission..")
                .layer("errors").definedBy(root + ".errors..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("api")
                .whereLayer("errors").mayOnlyBeAccessedByLayers("api", "features");
    }

    /** Also for packages no layer names yet: a new package may not reach up into the REST layer. */
    static ArchRule nothingBelowDependsOnApi(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".api..")
                .should().dependOnClassesThat().resideInAPackage(root + ".api..")
                .because("the REST layer is the top: what it uses must not know about it");
    }

    static ArchRule errorsDependOnNoOtherPackage(String root) {
        return noClasses().that().resideInAPackage(root + ".errors..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAPackage(root + ".errors.."))))
                .because("every layer throws these, so they must stand alone");
    }

    static ArchRule configDependsOnNoPackage(String root) {
        return noClasses().that().resideInAPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root + ".*..")
                .because("every package reads the configuration");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
