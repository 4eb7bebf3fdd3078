package org.netra.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rules of docs/ARCHITECTURE.md, as ArchUnit rules. */
final class ModuleRules {
    /** The modules' root packages, lowest first: a package may only depend on those before it. */
    static final List<String> LAYERS = List.of(
            "org.netra.physics",
            "org.netra.imaging",
            "org.netra.dosimetry",
            "org.netra.clinical",
            "org.netra.sim",
            "org.netra.store",
            "org.netra.interop",
            "org.netra.app");

    private ModuleRules() {}

    /** No module's code imports a module above it. */
    static ArchRule dependenciesPointDown() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] higher = LAYERS.subList(i + 1, LAYERS.size()).stream()
                    .map(p -> p + "..")
                    .toArray(String[]::new);
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(LAYERS.get(i) + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(higher)
                    .because(LAYERS.get(i) + " is below " + Arrays.toString(higher) + " (ARCHITECTURE.md)")
                    // a module may not exist yet; its rule then has nothing to check
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    /** Package by domain: no grab-bag packages. */
    static ArchRule noGrabBagPackages() {
        return noClasses()
                .should()
                .resideInAnyPackage(
                        "..util..",
                        "..utils..",
                        "..helper..",
                        "..helpers..",
                        "..manager..",
                        "..managers..",
                        "..impl..",
                        "..common..")
                .because("netra packages by domain (ARCHITECTURE.md principle 4)");
    }

    /** Within a module, the domain packages do not form cycles. */
    static ArchRule domainPackagesFreeOfCycles() {
        return slices().matching("org.netra.(*).(*)..").should().beFreeOfCycles();
    }

    /**
     * The web's packages do not form cycles either: each feature (one package under org.netra.app.web) is a
     * slice, and so is the page infrastructure in org.netra.app.web itself, which the features build on and
     * which must therefore never name a feature (the server composing them lives in web.server).
     */
    static ArchRule webPackagesFreeOfCycles() {
        return slices().assignedFrom(WEB_PACKAGES).should().beFreeOfCycles();
    }

    /** org.netra.app.web → slice "web (pages)"; org.netra.app.web.x.. → slice "x"; anything else: none. */
    static final SliceAssignment WEB_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals("org.netra.app.web")) {
                return SliceIdentifier.of("web (pages)");
            }
            if (p.startsWith("org.netra.app.web.")) {
                return SliceIdentifier.of(
                        p.substring("org.netra.app.web.".length()).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the web's packages, one slice per feature and one for the shared pages";
        }
    };
}
