package io.dolphin.datalayer.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked by the build: one package per pipeline over a shared {@code common} kernel, the
 * launcher (cli, demo feeds, benchmarks) on top and never inside the job bundle, and Hazelcast's internals used in one
 * place only.
 */
class ArchitectureTest {

    private static final String BASE = "io.dolphin.datalayer";
    private static final String[] PIPELINES = {BASE + ".scanbridge..", BASE + ".exf..", BASE + ".obf..",
        BASE + ".acb..", BASE + ".trader..", BASE + ".warm..", BASE + ".warmup..", BASE + ".cold..",
        BASE + ".telemetry.."};
    private static final String[] LAUNCHER = {BASE + ".cli..", BASE + ".sim..", BASE + ".bench..", BASE + ".audit.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void when_packagesImportEachOther_then_noCycle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void when_bundleCode_then_itNeverUsesTheLauncher() {
        noClasses().that().resideOutsideOfPackages(LAUNCHER).should().dependOnClassesThat().resideInAnyPackage(LAUNCHER)
                .because("the job bundle and the member classpath carry no demo feed, benchmark or launcher")
                .check(main);
    }

    @Test
    void when_common_then_itKnowsNoPipeline() {
        noClasses().that().resideInAPackage(BASE + ".common..").should().dependOnClassesThat()
                .resideInAnyPackage(PIPELINES).check(main);
    }

    @Test
    void when_sourcePipeline_then_itDoesNotReachIntoAnother() {
        String[] sources = {BASE + ".scanbridge..", BASE + ".exf..", BASE + ".obf..", BASE + ".acb..", BASE + ".trader..",
            BASE + ".telemetry.."};
        for (String pipeline : sources) {
            String[] others = java.util.Arrays.stream(PIPELINES).filter(p -> !p.equals(pipeline))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(pipeline).should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a source pipeline shares only common; the warm sink routes to each pipeline's row mapper")
                    .check(main);
        }
    }

    @Test
    void when_hazelcastInternals_then_onlyInTheJetAdapterPackage() {
        noClasses().that().resideOutsideOfPackage(BASE + ".warm.jet")
                .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast.internal..", "com.hazelcast..impl..")
                .because("Hazelcast's internals change without notice: warm.jet holds the two adapters that need"
                        + " them (sequenced journal reads, the all-to-one sink edge)")
                .check(main);
    }
}
