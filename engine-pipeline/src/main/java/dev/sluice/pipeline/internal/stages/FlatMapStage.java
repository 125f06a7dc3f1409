package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code flatMap}: zero or more records out per record in. {@code outputs} lists the records to
 * make, each a projection ({@code set}/{@code keep}/{@code drop}) with an optional {@code when}
 * condition; all must give the same fields.
 */
public final class FlatMapStage implements StageFactory {
  @Override
  public String type() {
    return "flatMap";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "emits zero or more records per input, each with an optional 'when' condition";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    List<StageConfig> outs = config.objects("outputs");
    int before = config.problemCount();
    if (outs.isEmpty() && config.problemCount() == before && config.has("outputs")) {
      config.problem("outputs", "'outputs' lists at least one record to emit");
    }
    List<Projection> projections = new ArrayList<>();
    List<Expression> whens = new ArrayList<>();
    RecordSchema schema = null;
    for (StageConfig o : outs) {
      Expression when = o.has("when") ? o.expression("when", input, dev.sluice.pipeline.FieldType.BOOLEAN) : null;
      Projection p = Projection.compile(o, input);
      if (p == null) {
        continue;
      }
      if (schema == null) {
        schema = p.output;
      } else if (!schema.equals(p.output)) {
        o.problem(o.node(), "every output of a flatMap must have the same fields; the first has "
            + schema + ", this one " + p.output);
        continue;
      }
      projections.add(p);
      whens.add(when);
    }
    if (config.problemCount() != before || schema == null) {
      return null;
    }
    Projection[] ps = projections.toArray(new Projection[0]);
    Expression[] ws = whens.toArray(new Expression[0]);
    RecordSchema out = schema;
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        return settings.applyTo(in.mapMulti((Record r, Consumer<Record> emit) -> {
          for (int i = 0; i < ps.length; i++) {
            if (ws[i] == null || ws[i].test(r)) {
              emit.accept(ps[i].apply(r));
            }
          }
        }));
      }

      @Override
      public String describe() {
        return "flatMap into " + ps.length + " output(s) of " + out;
      }
    };
  }
}
