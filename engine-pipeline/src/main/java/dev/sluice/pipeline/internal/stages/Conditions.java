package dev.sluice.pipeline.internal.stages;

import dev.sluice.pipeline.ConfigNode;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import java.util.List;

/**
 * Conditions as the seeds write them: {@code {"field": "amount", "operator": "gt", "value":
 * 1000}}, alone or in an array (all must hold), translated into the expression language and
 * compiled like a {@code condition} string.
 */
final class Conditions {
  static final List<String> OPERATORS =
      List.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "startsWith", "endsWith",
          "exists", "missing");

  private Conditions() {}

  /** The condition of {@code c}: {@code condition} (expression) or {@code where}; null if bad. */
  static Expression compile(StageConfig c, RecordSchema input, boolean required) {
    return compile(c, input, required, "where");
  }

  /**
   * As {@link #compile(StageConfig, RecordSchema, boolean)}, the declarative conditions read from
   * the field {@code whereKey} (the cep stage also accepts the seeds' {@code filter}).
   */
  static Expression compile(StageConfig c, RecordSchema input, boolean required, String whereKey) {
    boolean hasCondition = c.has("condition");
    boolean hasWhere = c.has(whereKey);
    if (hasCondition && hasWhere) {
      c.problem(whereKey, "give either 'condition' or '" + whereKey + "', not both");
      return null;
    }
    if (hasCondition) {
      return c.expression("condition", input, FieldType.BOOLEAN);
    }
    if (!hasWhere) {
      if (required) {
        c.problem("condition", "missing field 'condition' (an expression such as \"amount > 100\") "
            + "or 'where' ({\"field\": ..., \"operator\": ..., \"value\": ...})");
      }
      return null;
    }
    ConfigNode w = c.get(whereKey);
    List<ConfigNode> parts = w.kind() == ConfigNode.Kind.ARRAY ? w.elements() : List.of(w);
    StringBuilder text = new StringBuilder();
    int before = c.problemCount();
    for (ConfigNode part : parts) {
      if (part.kind() != ConfigNode.Kind.OBJECT) {
        c.problem(part, "expected {\"field\", \"operator\", \"value\"}, found " + part.describe());
        continue;
      }
      StageConfig p = c.child(part);
      String field = p.field("field", input);
      String op = p.choice("operator", "eq", OPERATORS);
      ConfigNode value = p.get("value");
      if (field == null) {
        continue;
      }
      String f = "`" + field + "`";
      String clause;
      if (op.equals("exists") || op.equals("missing")) {
        clause = f + (op.equals("exists") ? " != null" : " == null");
      } else if (value == null) {
        p.problem("value", "missing field 'value'");
        continue;
      } else if (op.equals("in")) {
        if (value.kind() != ConfigNode.Kind.ARRAY || value.elements().isEmpty()) {
          p.problem(value, "'in' takes a non-empty array of values");
          continue;
        }
        StringBuilder list = new StringBuilder();
        for (ConfigNode e : value.elements()) {
          list.append(list.length() == 0 ? "" : ", ").append(literal(e));
        }
        clause = f + " in [" + list + "]";
      } else {
        String lit = literal(value);
        if (lit == null) {
          p.problem(value, "expected a string, number or boolean, found " + value.describe());
          continue;
        }
        clause = switch (op) {
          case "eq" -> f + " == " + lit;
          case "ne" -> f + " != " + lit;
          case "gt" -> f + " > " + lit;
          case "gte" -> f + " >= " + lit;
          case "lt" -> f + " < " + lit;
          case "lte" -> f + " <= " + lit;
          default -> op + "(" + f + ", " + lit + ")";
        };
      }
      text.append(text.length() == 0 ? "" : " && ").append('(').append(clause).append(')');
    }
    if (c.problemCount() != before || text.length() == 0) {
      if (text.length() == 0 && c.problemCount() == before) {
        c.problem(w, "'" + whereKey + "' holds no condition");
      }
      return null;
    }
    ConfigNode synthetic = ConfigNode.scalar(w.path(), w.line(), w.column(), text.toString());
    return c.expression(synthetic, input, FieldType.BOOLEAN);
  }

  private static String literal(ConfigNode v) {
    return switch (v.kind()) {
      case STRING -> "'" + ((String) v.value()).replace("\\", "\\\\").replace("'", "\\'") + "'";
      case NUMBER, BOOLEAN -> String.valueOf(v.value());
      default -> null;
    };
  }
}
