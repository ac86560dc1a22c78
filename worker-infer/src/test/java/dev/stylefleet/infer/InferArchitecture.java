package dev.stylefleet.infer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of worker-infer (docs/architecture.md), as functions of the base package so that
 * {@link ArchitectureRulesTest} can show each one failing on a small violating fixture.
 *
 * <pre>
 *   dev.stylefleet.infer (Quarkus wiring, config, health)
 *     -> messaging  (the worker and its job handler on the shared runtime, dev.stylefleet.runtime)
 *       -> pipeline (one job: model lookup, decode, tiles, micro-batches, encode, store)
 *         -> imaging (bytes <-> pixels)   model (ONNX Runtime sessions)   builtin (shipped models)
 *           -> failure (the error codes a failed job carries)
 * </pre>
 *
 * A layer may use any layer below it, never one above; {@code bench} (benchmarks, until they leave the
 * production jar) may use everything and is used by nothing. The consumer runtime (infra/worker-runtime)
 * is the messaging layer's: below it, a job knows nothing of Kafka's consumer side.
 */
final class InferArchitecture {
    private InferArchitecture() {}

    static ArchRule layers(String base) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Wiring").definedBy(base)
                .layer("Messaging").definedBy(base + ".messaging..")
                .layer("Pipeline").definedBy(base + ".pipeline..")
                .layer("Imaging").definedBy(base + ".imaging..")
                .layer("Model").definedBy(base + ".model..")
                .layer("Builtin").definedBy(base + ".builtin..")
                .layer("Failure").definedBy(base + ".failure..")
                .layer("Bench").definedBy(base + ".bench..")
                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("Messaging").mayOnlyAccessLayers("Pipeline", "Imaging", "Model", "Builtin", "Failure")
                .whereLayer("Pipeline").mayOnlyAccessLayers("Imaging", "Model", "Builtin", "Failure")
                .whereLayer("Builtin").mayOnlyAccessLayers("Model", "Failure")
                .whereLayer("Imaging").mayOnlyAccessLayers("Failure")
                .whereLayer("Model").mayOnlyAccessLayers("Failure")
                .whereLayer("Failure").mayNotAccessAnyLayer()
                .whereLayer("Bench").mayNotBeAccessedByAnyLayer()
                .as("worker-infer layers point one way: wiring -> messaging -> pipeline -> imaging, model, builtin "
                        + "-> failure");
    }

    static ArchRule noCycles(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles()
                .as("the packages of worker-infer are free of cycles");
    }

    static ArchRule noOtherService(String base) {
        return noClasses().that().resideInAPackage(base + "..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.stylefleet.gateway..", "dev.stylefleet.train..")
                .as("worker-infer depends on no other service (gateway, train)");
    }

    static ArchRule runtimeOnlyAtTheTop(String base) {
        return noClasses().that().resideInAnyPackage(base + ".pipeline..", base + ".imaging..", base + ".model..",
                        base + ".builtin..", base + ".failure..")
                .should().dependOnClassesThat().resideInAPackage("dev.stylefleet.runtime..")
                .as("only the wiring and messaging of worker-infer use the worker runtime");
    }
}
