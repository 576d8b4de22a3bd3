package floe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import floe.api.Stability;

/**
 * Rules about the whole codebase that conventions alone would not keep: each one fails the
 * build when broken. They read the main classes of every module of the default build.
 */
@AnalyzeClasses(packages = "floe", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The contract says how far each public type may be relied on. */
    @ArchTest
    static final ArchRule publicApiAndSpiTypesDeclareTheirStability = classes()
            .that()
            .resideInAnyPackage("floe.api..", "floe.spi..")
            .and()
            .arePublic()
            .and()
            .doNotHaveSimpleName("package-info")
            .should()
            .beAnnotatedWith(Stability.class)
            .because("every public type of floe.api and floe.spi is part of the contract and says how stable it is");

    /**
     * Each package is one slice, so no package reaches back into one that depends on it. The api's
     * packages are the one exception, taken as one slice: they are DynamoDB's vocabulary, whose parts
     * name each other as DynamoDB's model does (a value refuses bad input with a ValidationException,
     * a cancellation reason carries an Item, the facade takes the requests).
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String name = javaClass.getPackageName();
                    if (!name.startsWith("floe.")) {
                        return SliceIdentifier.ignore();
                    }
                    return SliceIdentifier.of(name.startsWith("floe.api.") ? "floe.api" : name);
                }

                @Override
                public String getDescription() {
                    return "packages of floe (the api's as one)";
                }
            })
            .should()
            .beFreeOfCycles()
            .because("a feature package depends on what it builds on, never the other way round");

    @ArchTest
    static final ArchRule apiNeedsOnlyTheJdk = classes()
            .that()
            .resideInAPackage("floe.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("floe.api..", "java..")
            .because("floe.api is the stable model every other module builds on");

    @ArchTest
    static final ArchRule spiNeedsOnlyTheApi = classes()
            .that()
            .resideInAPackage("floe.spi..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("floe.spi..", "floe.api..", "java..")
            .because("backends and plugins implement floe.spi with nothing of FloeDB's implementation");

    @ArchTest
    static final ArchRule extensionsNeverReachTheImplementation = noClasses()
            .that()
            .resideInAnyPackage("floe.backend..", "floe.plugin..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("floe.engine..", "floe.server..", "floe.tck..")
            .because("backends and plugins see FloeDB through floe.spi only");

    @ArchTest
    static final ArchRule theEngineNeverReachesTheServerOrAnExtension = noClasses()
            .that()
            .resideInAPackage("floe.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("floe.server..", "floe.backend..", "floe.plugin..", "floe.tck..")
            .because("the engine finds backends and plugins at run time, through ServiceLoader");

    @ArchTest
    static final ArchRule theKitTestsFromOutside = noClasses()
            .that()
            .resideInAPackage("floe.tck..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("floe.engine..", "floe.server..", "floe.backend..")
            .because("the kit checks any implementation through floe.api and floe.spi");

    @ArchTest
    static final ArchRule aBackendAuthorPullsNoSdk = noClasses()
            .that()
            .resideInAnyPackage("floe.tck.storage..", "floe.tck.behaviour..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon..")
            .because("the AWS SDK half of the kit is floe-tck-wire");

    @ArchTest
    static final ArchRule theLauncherNeedsOnlyTheBootLayer = classes()
            .that()
            .resideInAPackage("floe.launcher..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("floe.launcher..", "floe.spi..", "floe.api..", "java..")
            .because("the launcher lives in the boot layer with floe.api and floe.spi, below everything it loads");
}
