package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordFunction;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;

/**
 * {@code class}: a {@link RecordFunction} named by its class; refused unless loading allows
 * classes ({@code --allow-classes}), since it runs arbitrary code.
 */
public final class ClassStage implements StageFactory {
  @Override
  public String type() {
    return "class";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "a RecordFunction by class name (only with --allow-classes)";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    String className = config.string("class");
    RecordSchema out = config.schema("schema");
    if (className == null) {
      return null;
    }
    if (!config.options().allowClasses()) {
      config.problem("class", "this pipeline names the Java class '" + className
          + "'; pipeline files run no Java code unless allowed: pass --allow-classes");
      return null;
    }
    if (out == null) {
      return null;
    }
    Class<?> c;
    try {
      c = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      config.problem("class", "cannot load the class '" + className + "': " + e);
      return null;
    }
    if (!RecordFunction.class.isAssignableFrom(c)) {
      config.problem("class", "'" + className + "' does not implement " + RecordFunction.class.getName());
      return null;
    }
    try {
      c.getConstructor();
    } catch (NoSuchMethodException e) {
      config.problem("class", "'" + className + "' has no public constructor without arguments");
      return null;
    }
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        RecordFunction f;
        try {
          f = (RecordFunction) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot create " + className + ": " + e, e);
        }
        return settings.applyTo(in.map(r -> f.apply(r, out)));
      }

      @Override
      public String describe() {
        return "class " + className;
      }
    };
  }
}
