package dev.sluice.pipeline;

import dev.sluice.core.Sink;
import dev.sluice.core.Source;
import dev.sluice.core.Stage;

/**
 * A node of a pipeline file after validation: what it produces and how it joins the Java DSL.
 * One of {@link #source}, {@link #apply} or {@link #sink} is implemented, by the role of its
 * {@link StageFactory}. Each call builds new runtime objects, so a loaded file can be turned into
 * any number of {@link dev.sluice.core.Pipeline}s.
 *
 * <p>Immutable; thread-safe.
 */
public interface CompiledStage {

  /** The schema of the records this node emits (null for a sink). */
  RecordSchema outputSchema();

  /**
   * A source reading the records (sources only).
   *
   * @param name the node's name
   */
  default Source<Record> source(String name) {
    throw new UnsupportedOperationException("not a source");
  }

  /**
   * Appends this operator to {@code input} and returns its output stage (operators only). The
   * operator applies {@code settings} ({@link StageSettings#applyTo}) to its main stage, the one
   * that does the work; stages it adds after it (a conversion to records, say) take their names
   * from {@link StageSettings#name()} with a suffix and inherit the parallelism.
   */
  default Stage<Record> apply(Stage<Record> input, StageSettings settings) {
    throw new UnsupportedOperationException("not an operator");
  }

  /**
   * Appends this operator to its distinct {@code inputs}, in the order of its factory's {@link
   * StageFactory#inputFields()}, and returns its output stage (operators with several named
   * inputs, such as joins, only).
   */
  default Stage<Record> apply(java.util.List<Stage<Record>> inputs, StageSettings settings) {
    throw new UnsupportedOperationException("not an operator with named inputs");
  }

  /**
   * A sink writing the records (sinks only).
   *
   * @param name the node's name
   */
  default Sink<Record> sink(String name) {
    throw new UnsupportedOperationException("not a sink");
  }

  /**
   * True for a keyed stage (it groups by key): the file's default parallelism ({@code
   * settings.parallelism}) applies to keyed stages only; other stages run at their input's
   * parallelism unless they set their own.
   */
  default boolean keyed() {
    return false;
  }

  /** The largest parallelism this node supports; the loader reports a file asking more. */
  default int maxParallelism() {
    return Integer.MAX_VALUE;
  }

  /** A short description of what the node does, for {@code sluice plan}. */
  default String describe() {
    return "";
  }
}
