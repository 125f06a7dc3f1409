package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testsupport.SeededRuns;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  private static final RecordSchema SCHEMA = RecordSchema.of(new java.util.LinkedHashMap<>(Map.of()) {
    {
      put("name", FieldType.STRING);
      put("temp", FieldType.DOUBLE);
      put("n", FieldType.LONG);
      put("ok", FieldType.BOOLEAN);
      put("extra", FieldType.ANY);
    }
  });

  private static Record rec(String name, Double temp, Long n, Boolean ok) {
    return new Record(SCHEMA, new Object[] {name, temp, n, ok, null});
  }

  private static Object eval(String text, Record r) {
    return Expression.compile(text, SCHEMA).evaluate(r);
  }

  private static final Record R = rec("sensor-1", 21.5, 7L, true);
  private static final Record EMPTY = rec(null, null, null, null);

  @Test
  void arithmeticAndPrecedence() {
    assertThat(eval("1 + 2 * 3", R)).isEqualTo(7L);
    assertThat(eval("(1 + 2) * 3", R)).isEqualTo(9L);
    assertThat(eval("7 / 2", R)).isEqualTo(3.5);
    assertThat(eval("n % 4", R)).isEqualTo(3L);
    assertThat(eval("temp * 9 / 5 + 32", R)).isEqualTo(21.5 * 9 / 5 + 32);
    assertThat(eval("-n + 1", R)).isEqualTo(-6L);
    assertThat(eval("n - 2 - 3", R)).isEqualTo(2L);
    assertThat(eval("name + '/' + n", R)).isEqualTo("sensor-1/7");
    assertThat(Expression.compile("n * 2", SCHEMA).type()).isEqualTo(FieldType.LONG);
    assertThat(Expression.compile("n * 2.0", SCHEMA).type()).isEqualTo(FieldType.DOUBLE);
  }

  @Test
  void comparisonsLogicAndNulls() {
    assertThat(eval("temp > 20 && n <= 7", R)).isEqualTo(true);
    assertThat(eval("temp > 20 and not ok", R)).isEqualTo(false);
    assertThat(eval("temp < 0 || name == 'sensor-1'", R)).isEqualTo(true);
    assertThat(eval("name >= 'sensor'", R)).isEqualTo(true);
    assertThat(eval("n == 7.0", R)).isEqualTo(true);
    // a missing value compares false, arithmetic on it gives null (long) or NaN (double)
    assertThat(eval("temp > 20", EMPTY)).isEqualTo(false);
    assertThat(eval("temp <= 20", EMPTY)).isEqualTo(false);
    assertThat(eval("n + 1", EMPTY)).isNull();
    assertThat((Double) eval("temp + 1", EMPTY)).isNaN();
    assertThat(eval("temp == null", EMPTY)).isEqualTo(true);
    assertThat(eval("temp != null", R)).isEqualTo(true);
    assertThat(eval("coalesce(n, -1)", EMPTY)).isEqualTo(-1L);
    assertThat(eval("isNull(extra)", R)).isEqualTo(true);
  }

  @Test
  void inConditionalAndFunctions() {
    assertThat(eval("name in ['a', 'sensor-1']", R)).isEqualTo(true);
    assertThat(eval("n in [1, 2]", R)).isEqualTo(false);
    assertThat(eval("temp in [21.5, 3]", R)).isEqualTo(true);
    assertThat(eval("ok ? 'yes' : 'no'", R)).isEqualTo("yes");
    assertThat(eval("n > 5 ? n : temp", R)).isEqualTo(7.0);
    assertThat(eval("upper(substring(name, 0, 6))", R)).isEqualTo("SENSOR");
    assertThat(eval("indexOf(name, '-')", R)).isEqualTo(6L);
    assertThat(eval("replace(name, '-', '_')", R)).isEqualTo("sensor_1");
    assertThat(eval("round(temp)", R)).isEqualTo(22L);
    assertThat(eval("max(n, 10)", R)).isEqualTo(10L);
    assertThat(eval("abs(-temp)", R)).isEqualTo(21.5);
    assertThat(eval("long('42') + double('0.5')", R)).isEqualTo(42.5);
    assertThat(eval("length(name) == 8 && startsWith(name, 'sen') && contains(name, '-')", R))
        .isEqualTo(true);
    assertThat(eval("string(n) + string(ok)", R)).isEqualTo("7true");
  }

  @Test
  void compileErrorsSayWhatAndWhere() {
    assertError("temp >", "ends too early", 6);
    assertError("tmp > 3", "unknown field 'tmp'; fields here: [name, temp, n, ok, extra]", 0);
    assertError("name > 3", "cannot compare string with long", 5);
    assertError("temp + 'x' > 1", "cannot compare string with long", 11);
    assertError("n = 3", "'=' is not an operator; compare with '=='", 2);
    assertError("'abc", "unterminated string", 0);
    assertError("frobnicate(n)", "unknown function 'frobnicate'", 0);
    assertError("round(name)", "round takes numbers, got string", 0);
    assertError("ok ? 1 : 'x'", "branches of '? :' have types long and string", 3);
    assertError("n in [temp]", "'in [...]' takes literal values", 6);
    assertError("", "empty", 0);
  }

  @Test
  void noWayOutOfTheSandbox() {
    // There is no member access, no method call on values, no class or package name: each of
    // these fails to compile rather than reaching Java.
    for (String attempt : new String[] {
        "name.getClass()", "java.lang.Runtime.getRuntime().exec('rm')", "T(java.lang.System).exit(1)",
        "System.exit(1)", "exec('ls')", "new java.io.File('/')", "name['x']", "#this", "${env.HOME}",
        "getClass()", "forName('java.lang.Runtime')", "load('/etc/passwd')"}) {
      assertThatThrownBy(() -> Expression.compile(attempt, SCHEMA))
          .as(attempt).isInstanceOf(ExpressionException.class);
    }
  }

  @Test
  void limitsStopDeepOrLongInput() {
    assertThatThrownBy(() -> Expression.compile("(".repeat(200) + "1" + ")".repeat(200), SCHEMA))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("nests deeper than 64");
    assertThatThrownBy(() -> Expression.compile("1" + " + 1".repeat(2000), SCHEMA))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("longer than 4096");
  }

  @Test
  void longOverflowIsAnErrorNotAWrap() {
    Record big = rec("x", 0.0, Long.MAX_VALUE, true);
    assertThatThrownBy(() -> eval("n + 1", big)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void constantSubexpressionsAreFolded() {
    Expression e = Expression.compile("1 + 2 * 3 > 6 && 'a' + 'b' == 'ab'", SCHEMA);
    assertThat(e.test(EMPTY)).isTrue();
    assertThat(e.toString()).isEqualTo("1 + 2 * 3 > 6 && 'a' + 'b' == 'ab'");
  }

  @Test
  void randomArithmeticMatchesJava() {
    SeededRuns.forAll(300, g -> new long[] {g.longBetween(-1000, 1000), g.longBetween(-1000, 1000),
        g.longBetween(1, 50)}, v -> {
      Record r = rec("x", (double) v[1], v[0], true);
      assertThat(eval("n * 3 - " + v[1] + " % " + v[2], r)).isEqualTo(v[0] * 3 - v[1] % v[2]);
      assertThat(eval("temp / " + v[2] + " + n", r)).isEqualTo(v[1] / (double) v[2] + v[0]);
      assertThat(eval("n > temp ? n : temp", r)).isEqualTo((double) Math.max(v[0], v[1]));
      assertThat(eval("n < " + v[1] + " || n == " + v[1], r)).isEqualTo(v[0] <= v[1]);
    });
  }

  private static void assertError(String text, String message, int offset) {
    assertThatThrownBy(() -> Expression.compile(text, SCHEMA))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ExpressionException) e).offset()).as(text).isEqualTo(offset));
  }
}
