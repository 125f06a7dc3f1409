package dev.sluice.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering rules over every Sluice class (this module sees all of them): core imports no plug-in module,
 * and no module reaches into another module's {@code internal} packages.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sluice");

  @Test
  void coreImportsNoPluginModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sluice.windowing..", "dev.sluice.cep..", "dev.sluice.payloads..",
            "dev.sluice.bench..", "dev.sluice.examples..", "dev.sluice.cli..",
            "dev.sluice.scenario..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void noModuleImportsAnotherModulesInternals() {
    for (String module : new String[] {"core", "windowing", "cep", "payloads", "cli"}) {
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.sluice." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sluice." + module + ".internal..")
          .allowEmptyShould(true)
          .check(CLASSES);
    }
  }

  @Test
  void modulesHaveNoDependencyCycles() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
        .matching("dev.sluice.(*)..")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }
}
