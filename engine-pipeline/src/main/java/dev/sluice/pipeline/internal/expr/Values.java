package dev.sluice.pipeline.internal.expr;

/** Conversions shared by nodes and functions. */
final class Values {
  private Values() {}

  /** Text of a value as string() gives it: null is "null", integral doubles keep ".0". */
  static String text(Object v) {
    return String.valueOf(v);
  }
}
