package dev.sluice.pipeline.internal.expr;

import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import java.util.Set;

/** The node kinds. */
final class Nodes {
  private Nodes() {}

  static final class Const extends Node {
    final Object value;

    Const(FieldType type, Object value) {
      super(type);
      this.value = value;
    }

    @Override
    Object eval(Record r) {
      return value;
    }

    @Override
    double evalDouble(Record r) {
      return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    @Override
    Object constant() {
      return value;
    }
  }

  static final class Field extends Node {
    final int slot;

    Field(FieldType type, int slot) {
      super(type);
      this.slot = slot;
    }

    @Override
    Object eval(Record r) {
      return r.get(slot);
    }

    @Override
    double evalDouble(Record r) {
      Object v = r.get(slot);
      return v instanceof Double d ? d : v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @Override
    boolean evalBool(Record r) {
      return r.get(slot) == Boolean.TRUE;
    }
  }

  /** A double-valued node: eval boxes evalDouble. */
  abstract static class DoubleNode extends Node {
    DoubleNode() {
      super(FieldType.DOUBLE);
    }

    @Override
    final Object eval(Record r) {
      return evalDouble(r);
    }

    @Override
    abstract double evalDouble(Record r);
  }

  /** A boolean-valued node: eval boxes evalBool. */
  abstract static class BoolNode extends Node {
    BoolNode() {
      super(FieldType.BOOLEAN);
    }

    @Override
    final Object eval(Record r) {
      return evalBool(r) ? Boolean.TRUE : Boolean.FALSE;
    }

    @Override
    abstract boolean evalBool(Record r);
  }

  static final class DoubleArith extends DoubleNode {
    final Node a;
    final Node b;
    final char op;

    DoubleArith(Node a, Node b, char op) {
      this.a = a;
      this.b = b;
      this.op = op;
    }

    @Override
    double evalDouble(Record r) {
      double x = a.evalDouble(r);
      double y = b.evalDouble(r);
      return switch (op) {
        case '+' -> x + y;
        case '-' -> x - y;
        case '*' -> x * y;
        case '/' -> x / y;
        default -> x % y;
      };
    }
  }

  static final class LongArith extends Node {
    final Node a;
    final Node b;
    final char op;

    LongArith(Node a, Node b, char op) {
      super(FieldType.LONG);
      this.a = a;
      this.b = b;
      this.op = op;
    }

    @Override
    Object eval(Record r) {
      Object x = a.eval(r);
      Object y = b.eval(r);
      if (x == null || y == null) {
        return null;
      }
      long l = (Long) x;
      long m = (Long) y;
      return switch (op) {
        case '+' -> Math.addExact(l, m);
        case '-' -> Math.subtractExact(l, m);
        case '*' -> Math.multiplyExact(l, m);
        default -> l % m;
      };
    }
  }

  static final class Negate extends Node {
    final Node a;

    Negate(Node a) {
      super(a.type);
      this.a = a;
    }

    @Override
    Object eval(Record r) {
      Object x = a.eval(r);
      if (x == null) {
        return null;
      }
      return x instanceof Long l ? (Object) Math.negateExact(l) : (Object) (-((Double) x));
    }

    @Override
    double evalDouble(Record r) {
      return -a.evalDouble(r);
    }
  }

  static final class Concat extends Node {
    final Node a;
    final Node b;

    Concat(Node a, Node b) {
      super(FieldType.STRING);
      this.a = a;
      this.b = b;
    }

    @Override
    Object eval(Record r) {
      return Values.text(a.eval(r)) + Values.text(b.eval(r));
    }
  }

  /** Numeric comparison on doubles: null (NaN) compares false. */
  static final class DoubleCompare extends BoolNode {
    final Node a;
    final Node b;
    final String op;
    final int code;

    DoubleCompare(Node a, Node b, String op) {
      this.a = a;
      this.b = b;
      this.op = op;
      this.code = code(op);
    }

    @Override
    boolean evalBool(Record r) {
      double x = a.evalDouble(r);
      double y = b.evalDouble(r);
      if (x != x || y != y) {
        return false;
      }
      return switch (code) {
        case 0 -> x == y;
        case 1 -> x != y;
        case 2 -> x < y;
        case 3 -> x <= y;
        case 4 -> x > y;
        default -> x >= y;
      };
    }
  }

  /** Comparison of longs or strings (Comparable values); null compares false. */
  static final class ObjectCompare extends BoolNode {
    final Node a;
    final Node b;
    final int code;

    ObjectCompare(Node a, Node b, String op) {
      this.a = a;
      this.b = b;
      this.code = code(op);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean evalBool(Record r) {
      Object x = a.eval(r);
      Object y = b.eval(r);
      if (x == null || y == null) {
        return false;
      }
      if (code <= 1) {
        return (code == 0) == x.equals(y);
      }
      int c = ((Comparable) x).compareTo(y);
      return switch (code) {
        case 2 -> c < 0;
        case 3 -> c <= 0;
        case 4 -> c > 0;
        default -> c >= 0;
      };
    }
  }

  /** {@code x == null} / {@code x != null}. */
  static final class NullCheck extends BoolNode {
    final Node a;
    final boolean isNull;

    NullCheck(Node a, boolean isNull) {
      this.a = a;
      this.isNull = isNull;
    }

    @Override
    boolean evalBool(Record r) {
      return (a.eval(r) == null) == isNull;
    }
  }

  static final class And extends BoolNode {
    final Node a;
    final Node b;

    And(Node a, Node b) {
      this.a = a;
      this.b = b;
    }

    @Override
    boolean evalBool(Record r) {
      return a.evalBool(r) && b.evalBool(r);
    }
  }

  static final class Or extends BoolNode {
    final Node a;
    final Node b;

    Or(Node a, Node b) {
      this.a = a;
      this.b = b;
    }

    @Override
    boolean evalBool(Record r) {
      return a.evalBool(r) || b.evalBool(r);
    }
  }

  static final class Not extends BoolNode {
    final Node a;

    Not(Node a) {
      this.a = a;
    }

    @Override
    boolean evalBool(Record r) {
      return !a.evalBool(r);
    }
  }

  static final class In extends BoolNode {
    final Node a;
    final Set<Object> values;

    In(Node a, Set<Object> values) {
      this.a = a;
      this.values = values;
    }

    @Override
    boolean evalBool(Record r) {
      Object x = a.eval(r);
      return x != null && values.contains(x);
    }
  }

  static final class Conditional extends Node {
    final Node c;
    final Node a;
    final Node b;

    Conditional(FieldType type, Node c, Node a, Node b) {
      super(type);
      this.c = c;
      this.a = a;
      this.b = b;
    }

    @Override
    Object eval(Record r) {
      return c.evalBool(r) ? a.eval(r) : b.eval(r);
    }

    @Override
    double evalDouble(Record r) {
      return c.evalBool(r) ? a.evalDouble(r) : b.evalDouble(r);
    }
  }

  /** Widens a long node to double. */
  static final class ToDouble extends DoubleNode {
    final Node a;

    ToDouble(Node a) {
      this.a = a;
    }

    @Override
    double evalDouble(Record r) {
      return a.evalDouble(r);
    }
  }

  static int code(String op) {
    return switch (op) {
      case "==" -> 0;
      case "!=" -> 1;
      case "<" -> 2;
      case "<=" -> 3;
      case ">" -> 4;
      case ">=" -> 5;
      default -> throw new IllegalArgumentException(op);
    };
  }
}
