package dev.sluice.pipeline.internal.expr;

import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.ExpressionException;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses (Pratt parser) and type-checks an expression into a tree of {@link Node}s. Not
 * thread-safe; one instance per compilation.
 */
public final class ExpressionCompiler {
  /** Longest expression text accepted. */
  public static final int MAX_LENGTH = 4096;

  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private final RecordSchema schema;
  private int pos;
  private int depth;

  // current token
  private TokenKind kind;
  private String tok;
  private Object literal;
  private int tokStart;

  private enum TokenKind { NUMBER, STRING, IDENT, OP, END }

  private ExpressionCompiler(String text, RecordSchema schema) {
    this.text = text;
    this.schema = schema;
  }

  /** Compiles {@code text} against {@code schema}. */
  public static Expression compile(String text, RecordSchema schema) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException("the expression is empty", 0);
    }
    if (text.length() > MAX_LENGTH) {
      throw new ExpressionException(
          "the expression is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    ExpressionCompiler c = new ExpressionCompiler(text, schema);
    c.next();
    Node n = c.parse(0);
    if (c.kind != TokenKind.END) {
      throw new ExpressionException("unexpected '" + c.tok + "'", c.tokStart);
    }
    return new Compiled(text, n);
  }

  // ---- lexer

  private void next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    tokStart = pos;
    literal = null;
    if (pos >= text.length()) {
      kind = TokenKind.END;
      tok = "end of expression";
      return;
    }
    char c = text.charAt(pos);
    if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      lexNumber();
    } else if (c == '\'' || c == '"') {
      lexString(c);
    } else if (c == '`') {
      int end = text.indexOf('`', pos + 1);
      if (end < 0) {
        throw new ExpressionException("unterminated `quoted name`", pos);
      }
      kind = TokenKind.IDENT;
      tok = text.substring(pos + 1, end);
      literal = Boolean.TRUE; // quoted: never a keyword
      pos = end + 1;
    } else if (Character.isLetter(c) || c == '_') {
      int s = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      kind = TokenKind.IDENT;
      tok = text.substring(s, pos);
    } else {
      String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
      if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
        kind = TokenKind.OP;
        tok = two;
        pos += 2;
      } else if ("+-*/%<>!?:()[],".indexOf(c) >= 0) {
        kind = TokenKind.OP;
        tok = String.valueOf(c);
        pos++;
      } else if (c == '=') {
        throw new ExpressionException("'=' is not an operator; compare with '=='", pos);
      } else {
        throw new ExpressionException("unexpected character '" + c + "'", pos);
      }
    }
  }

  private void lexNumber() {
    int s = pos;
    boolean dbl = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        dbl = true;
        pos++;
        if ((c == 'e' || c == 'E') && pos < text.length()
            && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          pos++;
        }
      } else {
        break;
      }
    }
    String n = text.substring(s, pos).replace("_", "");
    kind = TokenKind.NUMBER;
    tok = text.substring(s, pos);
    try {
      literal = dbl ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
    } catch (NumberFormatException e) {
      throw new ExpressionException("bad number '" + tok + "'", s);
    }
  }

  private void lexString(char quote) {
    int s = pos;
    StringBuilder b = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw new ExpressionException("unterminated string", s);
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\\' && pos < text.length()) {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\', '\'', '"' -> b.append(e);
          default -> throw new ExpressionException("unknown escape '\\" + e + "'", pos - 2);
        }
      } else {
        b.append(c);
      }
    }
    kind = TokenKind.STRING;
    tok = text.substring(s, pos);
    literal = b.toString();
  }

  private boolean isOp(String op) {
    return kind == TokenKind.OP && tok.equals(op);
  }

  private boolean isKeyword(String word) {
    return kind == TokenKind.IDENT && literal == null && tok.equals(word);
  }

  private void expectOp(String op) {
    if (!isOp(op)) {
      throw new ExpressionException("expected '" + op + "' but found '" + tok + "'", tokStart);
    }
    next();
  }

  // ---- parser

  private static int precedence(String op) {
    return switch (op) {
      case "?" -> 1;
      case "||", "or" -> 2;
      case "&&", "and" -> 3;
      case "==", "!=" -> 4;
      case "<", "<=", ">", ">=", "in" -> 5;
      case "+", "-" -> 6;
      case "*", "/", "%" -> 7;
      default -> -1;
    };
  }

  private String binaryOperator() {
    if (kind == TokenKind.OP) {
      return tok;
    }
    if (kind == TokenKind.IDENT && literal == null
        && (tok.equals("and") || tok.equals("or") || tok.equals("in"))) {
      return tok;
    }
    return null;
  }

  private Node parse(int minPrec) {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException("the expression nests deeper than " + MAX_DEPTH, tokStart);
    }
    Node left = unary();
    while (true) {
      String op = binaryOperator();
      int prec = op == null ? -1 : precedence(op);
      if (prec < 0 || prec <= minPrec) {
        break;
      }
      int at = tokStart;
      next();
      if (op.equals("?")) {
        Node a = parse(0);
        expectOp(":");
        Node b = parse(0);
        left = conditional(left, a, b, at);
      } else if (op.equals("in")) {
        left = in(left, at);
      } else {
        Node right = parse(prec);
        left = binary(op, left, right, at);
      }
    }
    depth--;
    return left;
  }

  private Node unary() {
    int at = tokStart;
    if (isOp("!") || isKeyword("not")) {
      next();
      Node a = unary();
      requireType(a, FieldType.BOOLEAN, "'!' takes a boolean", at);
      return fold(new Nodes.Not(a));
    }
    if (isOp("-")) {
      next();
      Node a = unary();
      if (!a.type.numeric()) {
        throw new ExpressionException("'-' takes a number, got " + a.type, at);
      }
      return fold(new Nodes.Negate(a));
    }
    return primary();
  }

  private Node primary() {
    int at = tokStart;
    switch (kind) {
      case NUMBER -> {
        Object v = literal;
        next();
        return new Nodes.Const(v instanceof Long ? FieldType.LONG : FieldType.DOUBLE, v);
      }
      case STRING -> {
        Object v = literal;
        next();
        return new Nodes.Const(FieldType.STRING, v);
      }
      case IDENT -> {
        String name = tok;
        boolean quoted = literal != null;
        next();
        if (!quoted) {
          switch (name) {
            case "true" -> {
              return new Nodes.Const(FieldType.BOOLEAN, Boolean.TRUE);
            }
            case "false" -> {
              return new Nodes.Const(FieldType.BOOLEAN, Boolean.FALSE);
            }
            case "null" -> {
              return new Nodes.Const(FieldType.ANY, null);
            }
            default -> { }
          }
          if (isOp("(")) {
            next();
            List<Node> args = new ArrayList<>();
            if (!isOp(")")) {
              args.add(parse(0));
              while (isOp(",")) {
                next();
                args.add(parse(0));
              }
            }
            expectOp(")");
            return Functions.call(name, args, at);
          }
        }
        int slot = schema.slot(name);
        if (slot < 0) {
          throw new ExpressionException(
              "unknown field '" + name + "'; fields here: " + schema.names(), at);
        }
        return new Nodes.Field(schema.type(slot), slot);
      }
      case OP -> {
        if (isOp("(")) {
          next();
          Node n = parse(0);
          expectOp(")");
          return n;
        }
        throw new ExpressionException("unexpected '" + tok + "'", at);
      }
      default -> throw new ExpressionException("the expression ends too early", at);
    }
  }

  private Node in(Node left, int at) {
    expectOp("[");
    Set<Object> values = new HashSet<>();
    if (!isOp("]")) {
      do {
        if (isOp(",")) {
          next();
        }
        int vat = tokStart;
        Node v = unary();
        Object c = v.constant();
        if (c == Node.NOT_CONSTANT || c == null) {
          throw new ExpressionException("'in [...]' takes literal values", vat);
        }
        if (left.type == FieldType.DOUBLE && c instanceof Long l) {
          c = (double) l;
        }
        if (left.type != FieldType.ANY && unify(left.type, v.type) != left.type) {
          throw new ExpressionException("'in' compares a " + left.type + " with a " + v.type, vat);
        }
        values.add(c);
      } while (isOp(","));
    }
    expectOp("]");
    return new Nodes.In(left, Set.copyOf(values));
  }

  private Node conditional(Node c, Node a, Node b, int at) {
    requireType(c, FieldType.BOOLEAN, "the condition before '?' must be a boolean", at);
    FieldType t = unify(a.type, b.type);
    if (t == null) {
      throw new ExpressionException("the branches of '? :' have types " + a.type + " and " + b.type, at);
    }
    return new Nodes.Conditional(t, c, widen(a, t), widen(b, t));
  }

  private Node binary(String op, Node a, Node b, int at) {
    switch (op) {
      case "&&", "and", "||", "or" -> {
        requireType(a, FieldType.BOOLEAN, "'" + op + "' takes booleans", at);
        requireType(b, FieldType.BOOLEAN, "'" + op + "' takes booleans", at);
        return fold(op.startsWith("&") || op.equals("and") ? new Nodes.And(a, b) : new Nodes.Or(a, b));
      }
      case "+", "-", "*", "/", "%" -> {
        if (op.equals("+") && (a.type == FieldType.STRING || b.type == FieldType.STRING)) {
          return fold(new Nodes.Concat(a, b));
        }
        if (!a.type.numeric() || !b.type.numeric()) {
          throw new ExpressionException(
              "'" + op + "' takes numbers, got " + a.type + " and " + b.type, at);
        }
        if (a.type == FieldType.LONG && b.type == FieldType.LONG && !op.equals("/")) {
          return fold(new Nodes.LongArith(a, b, op.charAt(0)));
        }
        return fold(new Nodes.DoubleArith(a, b, op.charAt(0)));
      }
      default -> {
        // comparisons
        boolean eq = op.equals("==") || op.equals("!=");
        if (eq && (a.constant() == null || b.constant() == null)) {
          Node other = a.constant() == null ? b : a;
          return new Nodes.NullCheck(other, op.equals("=="));
        }
        if (a.type.numeric() && b.type.numeric()) {
          if (a.type == FieldType.LONG && b.type == FieldType.LONG) {
            return fold(new Nodes.ObjectCompare(a, b, op));
          }
          return fold(new Nodes.DoubleCompare(a, b, op));
        }
        if (a.type == b.type && (a.type == FieldType.STRING || (eq && a.type == FieldType.BOOLEAN))) {
          return fold(new Nodes.ObjectCompare(a, b, op));
        }
        if (eq && (a.type == FieldType.ANY || b.type == FieldType.ANY)) {
          return fold(new Nodes.ObjectCompare(a, b, op));
        }
        throw new ExpressionException(
            "cannot compare " + a.type + " with " + b.type + " using '" + op + "'", at);
      }
    }
  }

  private static void requireType(Node n, FieldType t, String message, int at) {
    if (n.type != t) {
      throw new ExpressionException(message + ", got " + n.type, at);
    }
  }

  /** The common type of two branches, or null. */
  static FieldType unify(FieldType a, FieldType b) {
    if (a == b) {
      return a;
    }
    if (a.numeric() && b.numeric()) {
      return FieldType.DOUBLE;
    }
    if (a == FieldType.ANY) {
      return b;
    }
    if (b == FieldType.ANY) {
      return a;
    }
    return null;
  }

  private static Node widen(Node n, FieldType t) {
    return t == FieldType.DOUBLE && n.type == FieldType.LONG ? new Nodes.ToDouble(n) : n;
  }

  /** Folds a node whose inputs are constants into a constant (evaluated once, now). */
  private static Node fold(Node n) {
    if (!(n instanceof Nodes.Not || n instanceof Nodes.Negate || n instanceof Nodes.And
        || n instanceof Nodes.Or || n instanceof Nodes.DoubleArith || n instanceof Nodes.LongArith
        || n instanceof Nodes.Concat || n instanceof Nodes.DoubleCompare
        || n instanceof Nodes.ObjectCompare)) {
      return n;
    }
    if (!allConstant(n)) {
      return n;
    }
    try {
      return new Nodes.Const(n.type, n.eval(null));
    } catch (ArithmeticException e) {
      return n; // fails at run time, where the stage's error policy sees it
    }
  }

  private static boolean allConstant(Node n) {
    List<Node> in;
    if (n instanceof Nodes.Not x) {
      in = List.of(x.a);
    } else if (n instanceof Nodes.Negate x) {
      in = List.of(x.a);
    } else if (n instanceof Nodes.And x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.Or x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.DoubleArith x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.LongArith x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.Concat x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.DoubleCompare x) {
      in = List.of(x.a, x.b);
    } else if (n instanceof Nodes.ObjectCompare x) {
      in = List.of(x.a, x.b);
    } else {
      in = List.of(n);
    }
    for (Node c : in) {
      if (c.constant() == Node.NOT_CONSTANT) {
        return false;
      }
    }
    return true;
  }

  /** The compiled expression. */
  private record Compiled(String text, Node root) implements Expression {
    @Override
    public FieldType type() {
      return root.type;
    }

    @Override
    public Object evaluate(Record record) {
      return root.eval(record);
    }

    @Override
    public boolean test(Record record) {
      return root.evalBool(record);
    }

    @Override
    public double evaluateDouble(Record record) {
      return root.evalDouble(record);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
