package dev.saeexplorer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The layering rules of design/ARCHITECTURE.md, enforced. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.saeexplorer");
    private static final String[] WORKSPACES = {"checkpoints", "pseval", "superposition", "sweep", "training"};

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

    /**
     * The same for the whole program: the shell ({@code ui}) knows the workspaces, the workspaces know only
     * {@code ui.workspace} (their context and base class), {@code ui.common} and {@code ui.jobs}, never the shell.
     */
    @Test
    void theWholeProgramHasNoPackageCycles() {
        slices().matching("dev.saeexplorer.(**)").should().beFreeOfCycles().check(CLASSES);
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

    /** What two workspaces share lives in the core, ui.common or ui.jobs, so each can change on its own. */
    @Test
    void workspacesDoNotDependOnEachOther() {
        for (String w : WORKSPACES) {
            String[] others = Arrays.stream(WORKSPACES).filter(o -> !o.equals(w)).map(ArchitectureTest::workspace)
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(workspace(w))
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(CLASSES);
        }
    }

    @Test
    void theSharedUiPackagesKnowNoWorkspace() {
        noClasses().that().resideInAnyPackage("dev.saeexplorer.ui.common..", "dev.saeexplorer.ui.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage(Arrays.stream(WORKSPACES)
                        .map(ArchitectureTest::workspace).toArray(String[]::new))
                .check(CLASSES);
    }

    private static String workspace(String name) {
        return "dev.saeexplorer.ui." + name + "..";
    }
}
