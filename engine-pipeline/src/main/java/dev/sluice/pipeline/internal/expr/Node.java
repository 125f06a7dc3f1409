package dev.sluice.pipeline.internal.expr;

import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;

/** A compiled expression node. Stateless; shared by threads. */
abstract class Node {
  final FieldType type;

  Node(FieldType type) {
    this.type = type;
  }

  abstract Object eval(Record r);

  /** Numeric value; NaN for null. */
  double evalDouble(Record r) {
    Object v = eval(r);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  /** True only for Boolean.TRUE. */
  boolean evalBool(Record r) {
    return eval(r) == Boolean.TRUE;
  }

  /** A constant value, or this marker if not constant. */
  Object constant() {
    return NOT_CONSTANT;
  }

  static final Object NOT_CONSTANT = new Object();
}
