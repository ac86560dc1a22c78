package dev.stylefleet.infer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of {@link InferArchitecture} on worker-infer's production classes. */
@AnalyzeClasses(packages = ArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String BASE = "dev.stylefleet.infer";

    @ArchTest
    static final ArchRule layers = InferArchitecture.layers(BASE);

    @ArchTest
    static final ArchRule noCycles = InferArchitecture.noCycles(BASE);

    @ArchTest
    static final ArchRule noOtherService = InferArchitecture.noOtherService(BASE);

    @ArchTest
    static final ArchRule runtimeOnlyAtTheTop = InferArchitecture.runtimeOnlyAtTheTop(BASE);
}
