package dev.sluice.pipeline.internal.expr;

import dev.sluice.pipeline.ExpressionException;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** The fixed function table of the expression language. Nothing outside it can be called. */
final class Functions {
  private Functions() {}

  /** Every function name, for messages and docs. */
  static final Set<String> NAMES =
      Set.of("abs", "min", "max", "round", "floor", "ceil", "sqrt", "ln", "log10", "exp", "pow",
          "lower", "upper", "trim", "length", "contains", "indexOf", "replace", "startsWith", "endsWith", "substring",
          "string", "long", "double", "isNull", "coalesce");

  static Node call(String name, List<Node> args, int offset) {
    switch (name) {
      case "abs" -> {
        Node a = numeric(name, args, 1, offset).get(0);
        if (a.type == FieldType.LONG) {
          return new Fn(FieldType.LONG, r -> {
            Object v = a.eval(r);
            return v == null ? null : Math.absExact((Long) v);
          });
        }
        return doubleFn(a, Math::abs);
      }
      case "min", "max" -> {
        List<Node> a = numeric(name, args, 2, offset);
        boolean min = name.equals("min");
        if (a.get(0).type == FieldType.LONG && a.get(1).type == FieldType.LONG) {
          Node x = a.get(0);
          Node y = a.get(1);
          return new Fn(FieldType.LONG, r -> {
            Object u = x.eval(r);
            Object v = y.eval(r);
            if (u == null || v == null) {
              return null;
            }
            return min ? Math.min((Long) u, (Long) v) : Math.max((Long) u, (Long) v);
          });
        }
        Node x = a.get(0);
        Node y = a.get(1);
        return new Nodes.DoubleNode() {
          @Override
          double evalDouble(Record r) {
            double u = x.evalDouble(r);
            double v = y.evalDouble(r);
            return min ? Math.min(u, v) : Math.max(u, v);
          }
        };
      }
      case "round" -> {
        Node a = numeric(name, args, 1, offset).get(0);
        if (a.type == FieldType.LONG) {
          return a;
        }
        return new Fn(FieldType.LONG, r -> {
          double v = a.evalDouble(r);
          return v != v ? null : (Object) Math.round(v);
        });
      }
      case "floor" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::floor);
      }
      case "ceil" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::ceil);
      }
      case "sqrt" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::sqrt);
      }
      case "ln" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::log);
      }
      case "log10" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::log10);
      }
      case "exp" -> {
        return doubleFn(numeric(name, args, 1, offset).get(0), Math::exp);
      }
      case "pow" -> {
        List<Node> a = numeric(name, args, 2, offset);
        Node x = a.get(0);
        Node y = a.get(1);
        return new Nodes.DoubleNode() {
          @Override
          double evalDouble(Record r) {
            return Math.pow(x.evalDouble(r), y.evalDouble(r));
          }
        };
      }
      case "lower", "upper", "trim" -> {
        Node a = strings(name, args, 1, offset).get(0);
        return new Fn(FieldType.STRING, r -> {
          Object v = a.eval(r);
          if (v == null) {
            return null;
          }
          String s = (String) v;
          return name.equals("lower") ? s.toLowerCase(Locale.ROOT)
              : name.equals("upper") ? s.toUpperCase(Locale.ROOT) : s.strip();
        });
      }
      case "length" -> {
        Node a = strings(name, args, 1, offset).get(0);
        return new Fn(FieldType.LONG, r -> {
          Object v = a.eval(r);
          return v == null ? null : (Object) (long) ((String) v).length();
        });
      }
      case "contains", "startsWith", "endsWith" -> {
        List<Node> a = strings(name, args, 2, offset);
        Node x = a.get(0);
        Node y = a.get(1);
        int kind = name.equals("contains") ? 0 : name.equals("startsWith") ? 1 : 2;
        return new Nodes.BoolNode() {
          @Override
          boolean evalBool(Record r) {
            Object u = x.eval(r);
            Object v = y.eval(r);
            if (u == null || v == null) {
              return false;
            }
            String s = (String) u;
            String t = (String) v;
            return kind == 0 ? s.contains(t) : kind == 1 ? s.startsWith(t) : s.endsWith(t);
          }
        };
      }
      case "indexOf" -> {
        if (args.size() < 2 || args.size() > 3) {
          throw new ExpressionException("indexOf takes 2 or 3 arguments (text, part[, from])", offset);
        }
        expect(name, args.get(0), FieldType.STRING, offset);
        expect(name, args.get(1), FieldType.STRING, offset);
        if (args.size() == 3) {
          expect(name, args.get(2), FieldType.LONG, offset);
        }
        Node s = args.get(0);
        Node part = args.get(1);
        Node from = args.size() == 3 ? args.get(2) : null;
        return new Fn(FieldType.LONG, r -> {
          Object v = s.eval(r);
          Object p = part.eval(r);
          Object f = from == null ? (Object) 0L : from.eval(r);
          if (v == null || p == null || f == null) {
            return null;
          }
          return (long) ((String) v).indexOf((String) p, (int) Math.max(0, Math.min(Integer.MAX_VALUE, (Long) f)));
        });
      }
      case "replace" -> {
        List<Node> a = strings(name, args, 3, offset);
        Node s = a.get(0);
        Node from = a.get(1);
        Node to = a.get(2);
        return new Fn(FieldType.STRING, r -> {
          Object v = s.eval(r);
          Object f = from.eval(r);
          Object t = to.eval(r);
          return v == null || f == null || t == null ? null : ((String) v).replace((String) f, (String) t);
        });
      }
      case "substring" -> {
        if (args.size() < 2 || args.size() > 3) {
          throw new ExpressionException("substring takes 2 or 3 arguments (text, from[, to])", offset);
        }
        expect(name, args.get(0), FieldType.STRING, offset);
        for (int i = 1; i < args.size(); i++) {
          expect(name, args.get(i), FieldType.LONG, offset);
        }
        Node s = args.get(0);
        Node from = args.get(1);
        Node to = args.size() == 3 ? args.get(2) : null;
        return new Fn(FieldType.STRING, r -> {
          Object v = s.eval(r);
          Object f = from.eval(r);
          Object t = to == null ? null : to.eval(r);
          if (v == null || f == null || (to != null && t == null)) {
            return null;
          }
          String str = (String) v;
          int b = (int) Math.max(0, Math.min(str.length(), (Long) f));
          int e = t == null ? str.length() : (int) Math.max(b, Math.min(str.length(), (Long) t));
          return str.substring(b, e);
        });
      }
      case "string" -> {
        Node a = arity(name, args, 1, offset).get(0);
        return new Fn(FieldType.STRING, r -> {
          Object v = a.eval(r);
          return v == null ? null : Values.text(v);
        });
      }
      case "long" -> {
        Node a = arity(name, args, 1, offset).get(0);
        return new Fn(FieldType.LONG, r -> toLong(a.eval(r)));
      }
      case "double" -> {
        Node a = arity(name, args, 1, offset).get(0);
        return new Nodes.DoubleNode() {
          @Override
          double evalDouble(Record r) {
            Object v = a.eval(r);
            if (v instanceof Number n) {
              return n.doubleValue();
            }
            if (v instanceof String s) {
              try {
                return Double.parseDouble(s.strip());
              } catch (NumberFormatException e) {
                return Double.NaN;
              }
            }
            return Double.NaN;
          }
        };
      }
      case "isNull" -> {
        return new Nodes.NullCheck(arity(name, args, 1, offset).get(0), true);
      }
      case "coalesce" -> {
        List<Node> a = arity(name, args, 2, offset);
        Node x = a.get(0);
        Node y = a.get(1);
        FieldType t = ExpressionCompiler.unify(x.type, y.type);
        if (t == null) {
          throw new ExpressionException("coalesce needs two arguments of one type, got "
              + x.type + " and " + y.type, offset);
        }
        Node xx = t == FieldType.DOUBLE && x.type == FieldType.LONG ? new Nodes.ToDouble(x) : x;
        Node yy = t == FieldType.DOUBLE && y.type == FieldType.LONG ? new Nodes.ToDouble(y) : y;
        return new Fn(t, r -> {
          Object v = xx.eval(r);
          return v != null ? v : yy.eval(r);
        });
      }
      default -> throw new ExpressionException(
          "unknown function '" + name + "'; functions: " + new java.util.TreeSet<>(NAMES), offset);
    }
  }

  private static Object toLong(Object v) {
    if (v instanceof Long) {
      return v;
    }
    if (v instanceof Double d) {
      return d != d ? null : (Object) (long) (double) d;
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return null;
  }

  private static Node doubleFn(Node a, DoubleUnaryOperator f) {
    return new Nodes.DoubleNode() {
      @Override
      double evalDouble(Record r) {
        return f.applyAsDouble(a.evalDouble(r));
      }
    };
  }

  private static List<Node> arity(String name, List<Node> args, int n, int offset) {
    if (args.size() != n) {
      throw new ExpressionException(
          name + " takes " + n + (n == 1 ? " argument" : " arguments") + ", got " + args.size(),
          offset);
    }
    return args;
  }

  private static List<Node> numeric(String name, List<Node> args, int n, int offset) {
    arity(name, args, n, offset);
    for (Node a : args) {
      if (!a.type.numeric()) {
        throw new ExpressionException(name + " takes numbers, got " + a.type, offset);
      }
    }
    return args;
  }

  private static List<Node> strings(String name, List<Node> args, int n, int offset) {
    arity(name, args, n, offset);
    for (Node a : args) {
      expect(name, a, FieldType.STRING, offset);
    }
    return args;
  }

  private static void expect(String name, Node a, FieldType t, int offset) {
    if (a.type != t) {
      throw new ExpressionException(name + " takes a " + t + " here, got " + a.type, offset);
    }
  }

  /** A node evaluating a function of the record. */
  static final class Fn extends Node {
    private final Function<Record, Object> f;

    Fn(FieldType type, Function<Record, Object> f) {
      super(type);
      this.f = f;
    }

    @Override
    Object eval(Record r) {
      return f.apply(r);
    }
  }
}
