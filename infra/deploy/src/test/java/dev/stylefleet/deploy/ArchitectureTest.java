package dev.stylefleet.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * deploy's packages: render (Helm) and validate (the checks) know nothing of each other, so the
 * validator checks any manifests, however they were made; only the tests join them.
 */
@AnalyzeClasses(packages = "dev.stylefleet.deploy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule renderIgnoresValidate = noClasses().that().resideInAPackage("..deploy.render..")
            .should().dependOnClassesThat().resideInAPackage("..deploy.validate..");

    @ArchTest
    static final ArchRule validateIgnoresRender = noClasses().that().resideInAPackage("..deploy.validate..")
            .should().dependOnClassesThat().resideInAPackage("..deploy.render..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.stylefleet.deploy.(*)..").should().beFreeOfCycles();
}
