package dev.sluice.scenario.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The HTTP target and journey packages depend on engine-core's API only (never its internals,
 * never the scenario runner's package), and their API packages do not reach into internals
 * other than their own.
 */
class TargetsArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sluice.scenario.http", "dev.sluice.scenario.journey");

  @Test
  void targetsUseOnlyTheCoresApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sluice.core.internal..")
        .check(CLASSES);
  }

  @Test
  void targetsDoNotDependOnTheScenarioRunner() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.sluice.scenario", "dev.sluice.core.scenario..")
        .check(CLASSES);
  }

  @Test
  void journeysDoNotDependOnHttp() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.scenario.journey..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sluice.scenario.http..")
        .check(CLASSES);
  }
}
