package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;

/** {@code filter}: keeps the records for which {@code condition} (or {@code where}) is true. */
public final class FilterStage implements StageFactory {
  @Override
  public String type() {
    return "filter";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "keeps records matching a condition (expression or field/operator/value)";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    Expression condition = Conditions.compile(config, input, true);
    if (condition == null) {
      return null;
    }
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return input;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        return settings.applyTo(in.filter(condition::test));
      }

      @Override
      public String describe() {
        return "filter " + condition.text();
      }
    };
  }
}
