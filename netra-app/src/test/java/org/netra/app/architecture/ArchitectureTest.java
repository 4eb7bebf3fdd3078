package org.netra.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.cli.Main;
import org.netra.app.web.cyclefixturea.FeatureNamingOther;
import org.netra.app.web.cyclefixtureb.FeatureNamingBack;
import org.netra.physics.archfixture.PhysicsThatReachesUp;

/** netra-app sees every module, so the whole product's classes are checked here. */
class ArchitectureTest {
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.netra");
        assertThat(product.containPackage("org.netra.physics.nuclide")).isTrue();
        assertThat(product.containPackage("org.netra.app.cli")).isTrue();
    }

    @Test
    void dependenciesPointDown() {
        ModuleRules.dependenciesPointDown().check(product);
    }

    @Test
    void packagesAreByDomain() {
        ModuleRules.noGrabBagPackages().check(product);
    }

    @Test
    void domainPackagesHaveNoCycles() {
        ModuleRules.domainPackagesFreeOfCycles().check(product);
    }

    @Test
    void webPackagesHaveNoCycles() {
        ModuleRules.webPackagesFreeOfCycles().check(product);
    }

    /**
     * A name says which class it is: no two top-level classes of the product share a simple name (a reader
     * seeing {@code Volume} must not have to look up whether it is the quantity or the image).
     */
    @Test
    void noTwoClassesShareASimpleName() {
        var byName = new java.util.TreeMap<String, java.util.List<String>>();
        product.stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .forEach(c -> byName.computeIfAbsent(c.getSimpleName(), n -> new java.util.ArrayList<>())
                        .add(c.getName()));
        var shared = byName.values().stream().filter(names -> names.size() > 1).toList();
        assertThat(shared).as("top-level classes sharing a simple name").isEmpty();
        assertThat(byName).hasSizeGreaterThan(400); // the import saw the product, so the check is not vacuous
    }

    /** The web rule is not vacuous: two feature packages naming each other are caught. */
    @Test
    void twoWebFeaturesNamingEachOtherAreCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(FeatureNamingOther.class, FeatureNamingBack.class);
        var result = ModuleRules.webPackagesFreeOfCycles().evaluate(bad);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("cyclefixturea")
                .contains("cyclefixtureb");
    }

    /** The rule is not vacuous: a physics class that imports the app is caught. */
    @Test
    void aLowerModuleImportingAHigherOneIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(PhysicsThatReachesUp.class, Main.class);
        var result = ModuleRules.dependenciesPointDown().evaluate(bad);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("PhysicsThatReachesUp")
                .contains("org.netra.app.cli.Main");
    }
}
