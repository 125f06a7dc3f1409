package dev.sluice.pipeline;

import dev.sluice.pipeline.internal.expr.ExpressionCompiler;

/**
 * An expression of the pipeline expression language, compiled once against a {@link
 * RecordSchema}: field names are resolved to slots and types are checked at compile time; at run
 * time an evaluation is a walk over a tree of pre-built nodes (no parsing, no lookup by name, no
 * reflection). The language has literals, fields, arithmetic, comparison, boolean logic,
 * {@code in [..]}, {@code ? :} and a fixed set of functions; it cannot reach classes, methods,
 * files, the network or the environment (see docs/pipelines.md, "Expressions").
 *
 * <p>Thread-safe and stateless: one compiled expression serves every parallel instance of a
 * stage. Evaluation allocates only for results that are new objects (long arithmetic results
 * outside the small-value cache, strings).
 *
 * <p>Failure: evaluation throws {@link ArithmeticException} on long overflow or division of
 * longs by zero with {@code %}; the stage's error policy decides what happens to the event.
 */
public interface Expression {

  /** The source text. */
  String text();

  /** The static type of the result. */
  FieldType type();

  /** The value for {@code record}: String, Long, Double, Boolean, null, or a list/map. */
  Object evaluate(Record record);

  /** True if the value for {@code record} is {@code true} (null and false are false). */
  boolean test(Record record);

  /** The numeric value as a double; NaN if it is null. Only for numeric expressions. */
  double evaluateDouble(Record record);

  /**
   * Compiles {@code text} against {@code schema}.
   *
   * @throws ExpressionException saying what is wrong and at which character offset
   */
  static Expression compile(String text, RecordSchema schema) {
    return ExpressionCompiler.compile(text, schema);
  }
}
