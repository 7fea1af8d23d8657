package dev.watchman;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure docs/architecture.md describes, checked on the compiled main classes:
 * adapters (cli, api) over the application (app) over the features over the core (graph, fs,
 * config and the root package); no package cycles; only the graph package speaks to Neo4j.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.watchman");
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Adapters").definedBy("dev.watchman.cli..", "dev.watchman.api..", "dev.watchman.schedule..")
                .layer("Application").definedBy("dev.watchman.app..")
                .layer("Features").definedBy("dev.watchman.snapshot..", "dev.watchman.change..",
                        "dev.watchman.watch..", "dev.watchman.audit..", "dev.watchman.pack..",
                        "dev.watchman.query..", "dev.watchman.host..", "dev.watchman.alert..",
                        "dev.watchman.notify..")
                .layer("Core").definedBy("dev.watchman", "dev.watchman.graph..", "dev.watchman.fs..",
                        "dev.watchman.config..", "dev.watchman.source..")
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Adapters", "Application", "Features")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.watchman.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void noAdapterImportsAnother() {
        noClasses().that().resideInAPackage("dev.watchman.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.watchman.api..").check(main);
        noClasses().that().resideInAPackage("dev.watchman.api..").should().dependOnClassesThat()
                .resideInAPackage("dev.watchman.cli..").check(main);
    }

    @Test
    void onlyTheGraphPackageSpeaksToNeo4j() {
        noClasses().that().resideOutsideOfPackage("dev.watchman.graph..").should().dependOnClassesThat()
                .resideInAPackage("org.neo4j..").check(main);
    }

    @Test
    void theCoreImportsNoFeature() {
        noClasses().that().resideInAnyPackage("dev.watchman.fs..", "dev.watchman.graph..", "dev.watchman.config..",
                        "dev.watchman.source..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.watchman.snapshot..", "dev.watchman.change..",
                        "dev.watchman.watch..", "dev.watchman.audit..", "dev.watchman.pack..", "dev.watchman.query..",
                        "dev.watchman.host..", "dev.watchman.alert..", "dev.watchman.notify..", "dev.watchman.app..",
                        "dev.watchman.cli..", "dev.watchman.api..", "dev.watchman.schedule..")
                .check(main);
    }

    @Test
    void auditUsesPacksNeverTheOtherWayRound() {
        noClasses().that().resideInAPackage("dev.watchman.pack..").should().dependOnClassesThat()
                .resideInAPackage("dev.watchman.audit..").check(main);
    }
}
