package dev.sluice.pipeline;

import dev.sluice.core.Stage;

/** A plug-in stage registered through META-INF/services in the test class path. */
public final class UpperCaseTestStage implements StageFactory {
  /** For ServiceLoader. */
  public UpperCaseTestStage() {}

  @Override
  public String type() {
    return "test-upper";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "upper-cases a string field (test plug-in)";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    String field = config.field("field", input, FieldType.STRING);
    if (field == null) {
      return null;
    }
    int slot = input.slot(field);
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return input;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        return settings.applyTo(in.map(r -> {
          Object[] v = r.values();
          v[slot] = v[slot] == null ? null : ((String) v[slot]).toUpperCase(java.util.Locale.ROOT);
          return new Record(input, v);
        }));
      }
    };
  }
}
