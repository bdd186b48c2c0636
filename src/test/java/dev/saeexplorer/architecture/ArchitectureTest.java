package dev.saeexplorer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of design/ARCHITECTURE.md, enforced. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.saeexplorer");

    @Test
    void coreKnowsNothingOfJavaFxTheUiTheCliOrCharts() {
        noClasses().that().resideInAPackage("dev.saeexplorer.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.saeexplorer.ui..",
                        "dev.saeexplorer.cli..", "dev.saeexplorer.charts..", "java.awt..", "org.jfree..", "picocli..")
                .check(CLASSES);
    }

    /**
     * Every package of the core is one slice (the root package {@code core} included), and no two slices reach each
     * other through any chain of dependencies: each layer can be read, tested and moved without the ones above it.
     */
    @Test
    void coreHasNoPackageCycles() {
        slices().matching("dev.saeexplorer.(core..)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void chartsDoNotDependOnJavaFxOrTheCli() {
        noClasses().that().resideInAPackage("dev.saeexplorer.charts..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.saeexplorer.cli..")
                .check(CLASSES);
    }

    @Test
    void viewModelsHoldNoNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void nothingPrintsToStandardOutputOutsideTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.saeexplorer.cli..")
                .should().accessField(System.class, "out")
                .check(CLASSES);
    }
}
