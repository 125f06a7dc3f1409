package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;

/** {@code map}: one record out per record in, with fields kept, dropped or set by expressions. */
public final class MapStage implements StageFactory {
  @Override
  public String type() {
    return "map";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "sets fields from expressions, keeps or drops fields";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    if (!config.has("set") && !config.has("keep") && !config.has("drop")) {
      config.problem("set", "a map stage needs 'set', 'keep' or 'drop'");
      return null;
    }
    Projection p = Projection.compile(config, input);
    if (p == null) {
      return null;
    }
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return p.output;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        return settings.applyTo(in.map(p::apply));
      }

      @Override
      public String describe() {
        return "map to " + p.output;
      }
    };
  }
}
