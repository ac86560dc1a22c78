package dev.stylefleet.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of worker-runtime (docs/architecture.md):
 *
 * <pre>
 *   dev.stylefleet.runtime (the loop, the handler contract, settings, events)
 *     -> offsets (which fetched records may be committed)   cancels (the cancel topic follower)
 * </pre>
 *
 * The runtime knows no worker: it is what the workers plug into, never the other way round.
 */
@AnalyzeClasses(packages = "dev.stylefleet.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Runtime").definedBy("dev.stylefleet.runtime")
            .layer("Offsets").definedBy("dev.stylefleet.runtime.offsets..")
            .layer("Cancels").definedBy("dev.stylefleet.runtime.cancels..")
            .whereLayer("Runtime").mayNotBeAccessedByAnyLayer()
            .whereLayer("Offsets").mayOnlyBeAccessedByLayers("Runtime")
            .whereLayer("Cancels").mayOnlyBeAccessedByLayers("Runtime")
            .as("worker-runtime layers point one way: runtime -> offsets, cancels");

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.stylefleet.runtime.(*)..").should().beFreeOfCycles()
            .as("the packages of worker-runtime are free of cycles");

    @ArchTest
    static final ArchRule noService = noClasses().that().resideInAPackage("dev.stylefleet.runtime..").should()
            .dependOnClassesThat().resideInAnyPackage("dev.stylefleet.infer..", "dev.stylefleet.train..",
                    "dev.stylefleet.gateway..", "dev.stylefleet.cli..", "dev.stylefleet.infra..", "io.quarkus..",
                    "jakarta..")
            .as("worker-runtime depends on no service, no tool, and no framework: the workers depend on it");
}
