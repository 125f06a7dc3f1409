package dev.sluice.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.sluice.core.operator.BroadcastOperator;
import dev.sluice.core.operator.KeyedBroadcastOperator;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TwoInputOperator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Makes state kept in operator fields visible statically (the harness's restore pass shows it
 * dynamically): a field of an operator class may be static, final (configuration from the
 * constructor), or hold what {@code open} hands out — a state handle, the context, the timer
 * service, an {@code Output} — or the runtime's own managed tables. Anything else (a counter, a
 * buffer, a cached value) is state that no snapshot covers.
 */
class OperatorFieldsTest {

  /** Packages whose types an operator may keep in a non-final field (set in {@code open}). */
  private static final Set<String> HANDLE_PACKAGES =
      Set.of("dev.sluice.core.state", "dev.sluice.core.operator", "dev.sluice.core.internal.state");

  static ArchRule operatorsKeepNoStateInFields() {
    return classes()
        .that()
        .implement(Operator.class)
        .or()
        .implement(KeyedOperator.class)
        .or()
        .implement(TwoInputOperator.class)
        .or()
        .implement(KeyedTwoInputOperator.class)
        .or()
        .implement(BroadcastOperator.class)
        .or()
        .implement(KeyedBroadcastOperator.class)
        .should(
            new ArchCondition<JavaClass>("keep no mutable state in fields") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                for (JavaField f : c.getFields()) {
                  if (f.getModifiers().contains(JavaModifier.STATIC)
                      || f.getModifiers().contains(JavaModifier.FINAL)
                      || f.getModifiers().contains(JavaModifier.SYNTHETIC)
                      || HANDLE_PACKAGES.contains(f.getRawType().getPackageName())) {
                    continue;
                  }
                  events.add(
                      SimpleConditionEvent.violated(
                          f,
                          f.getFullName() + " (" + f.getRawType().getName() + ") is mutable "
                              + "state outside managed state: no snapshot covers it; use a "
                              + "state from the context (see docs/core.md, Managed state)"));
                }
              }
            })
        .allowEmptyShould(true);
  }

  @Test
  void coreOperatorsKeepNoStateInFields() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.core");
    // not vacuous: the built-in rolling aggregate, rolling reduce and stateful map operators
    org.assertj.core.api.Assertions.assertThat(
            core.stream().filter(c -> c.isAssignableTo(KeyedOperator.class) && !c.isInterface()))
        .hasSizeGreaterThanOrEqualTo(3);
    operatorsKeepNoStateInFields().check(core);
  }

  /** Keeps a handle from open (allowed) and a counter (not allowed). */
  static final class CountsInAField implements KeyedOperator<String, String, String> {
    private KeyedOperatorContext<String> context;
    private long seen;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      this.context = context;
    }

    @Override
    public void onEvent(String key, String event, long timestamp, Output<String> output) {
      seen++;
      output.emit(key + seen + context.stageName());
    }
  }

  @Test
  void theRuleNamesAFieldHoldingState() {
    JavaClasses bad = new ClassFileImporter().importClasses(CountsInAField.class);
    assertThatThrownBy(() -> operatorsKeepNoStateInFields().check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CountsInAField.seen")
        .hasMessageNotContaining("CountsInAField.context");
  }
}
