package dev.stylefleet.train;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of worker-train, pointing one way (top to bottom):
 *
 * <pre>
 *   job (the worker and its job handler on the shared runtime, dev.stylefleet.runtime), pretrained (built-in style import), eval (offline evaluations)   entry points
 *     -> dev.stylefleet.train (Trainer, TrainingPlan: one training run)
 *       -> export (ONNX export, publishing), checkpoint
 *         -> loss -> vgg;  data;  net (the transform network, tensors)
 * </pre>
 *
 * {@code net} and {@code vgg} depend on no other package of the module; nothing depends on an entry
 * point. {@code eval} is an optional layer, so the rules hold with or without it. The module never
 * reaches into the other services (gateway, inference worker), and only {@code job} uses the consumer
 * runtime (infra/worker-runtime): training itself knows nothing of Kafka's consumer side.
 */
@AnalyzeClasses(packages = "dev.stylefleet.train", importOptions = ImportOption.DoNotIncludeTests.class)
class TrainArchitectureTest {
    static final String TRAIN = "dev.stylefleet.train";

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Job").definedBy(TRAIN + ".job..")
            .layer("Pretrained").definedBy(TRAIN + ".pretrained..")
            .optionalLayer("Eval").definedBy(TRAIN + ".eval..")
            .layer("Training").definedBy(TRAIN)
            .layer("Export").definedBy(TRAIN + ".export..")
            .layer("Checkpoint").definedBy(TRAIN + ".checkpoint..")
            .layer("Loss").definedBy(TRAIN + ".loss..")
            .layer("Data").definedBy(TRAIN + ".data..")
            .layer("Vgg").definedBy(TRAIN + ".vgg..")
            .layer("Net").definedBy(TRAIN + ".net..")
            .whereLayer("Job").mayNotBeAccessedByAnyLayer()
            .whereLayer("Pretrained").mayNotBeAccessedByAnyLayer()
            .whereLayer("Eval").mayNotBeAccessedByAnyLayer()
            .whereLayer("Training").mayOnlyBeAccessedByLayers("Job", "Eval")
            .whereLayer("Export").mayOnlyBeAccessedByLayers("Training", "Job", "Pretrained", "Eval")
            .whereLayer("Checkpoint").mayOnlyBeAccessedByLayers("Export", "Training", "Job", "Pretrained", "Eval")
            .whereLayer("Loss").mayOnlyBeAccessedByLayers("Training", "Job", "Eval")
            .whereLayer("Data").mayOnlyBeAccessedByLayers("Training", "Job", "Pretrained", "Eval")
            .whereLayer("Vgg").mayOnlyBeAccessedByLayers("Loss", "Training", "Job", "Pretrained", "Eval")
            .whereLayer("Net").mayOnlyBeAccessedByLayers("Data", "Loss", "Checkpoint", "Export", "Training", "Job",
                    "Pretrained", "Eval");

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching(TRAIN + ".(*)..").should().beFreeOfCycles()
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule NOT_INTO_OTHER_SERVICES = noClasses().that().resideInAPackage(TRAIN + "..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stylefleet.gateway..", "dev.stylefleet.infer..");

    @ArchTest
    static final ArchRule RUNTIME_ONLY_IN_JOB = noClasses().that().resideInAPackage(TRAIN + "..")
            .and().resideOutsideOfPackage(TRAIN + ".job..")
            .should().dependOnClassesThat().resideInAPackage("dev.stylefleet.runtime..")
            .as("only worker-train's job package uses the worker runtime");
}
