package dev.sluice.payloads.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decimal fast path gives exactly what {@link Double#parseDouble} gives. */
class NumbersTest {

  /**
   * A decimal as the exposition formats write it: an optional sign, 0 to 20 digits, an optional
   * fraction of 0 to 20 digits, an optional exponent of 0 to 400 with an optional sign; only
   * texts that {@link Numbers#decimal} accepts (at least one digit).
   */
  static String decimal(Generator g) {
    return g.satisfying(
        x ->
            x.pick("", "+", "-")
                + x.stringInRange('0', '9', 0, 20)
                + x.<String>oneOf(y -> "", y -> "." + y.stringInRange('0', '9', 0, 20))
                + x.<String>oneOf(
                    y -> "", y -> y.pick("e", "E") + y.pick("", "+", "-") + y.intBetween(0, 400)),
        Numbers::decimal);
  }

  @Test
  void fastPathEqualsParseDouble() {
    SeededRuns.forAll(
        20_000,
        NumbersTest::decimal,
        text ->
            assertThat(Double.compare(Numbers.toDouble(text), Double.parseDouble(text)))
                .as(text)
                .isZero());
  }

  @Test
  void everyDoubleRoundTripsThroughItsShortestText() {
    SeededRuns.forAll(
        5_000,
        List.of(
            0.0, -0.0, 1.0, -1.0, 0.01, -0.01, 0.1, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e22, 1e23, 9007199254740992.0, 9007199254740994.0, 1.5e-5,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
        Generator::anyDouble,
        d -> {
          if (Double.isFinite(d)) {
            String text = Double.toString(d);
            assertThat(Double.compare(Numbers.toDouble(text), d)).as(text).isZero();
          }
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-0", "+0.0", "1.", ".5", "1027", "3.14159", "1.5e-05", "9007199254740993",
        "123456789012345", "1234567890123456", "1e22", "1e23", "1e-22", "1e-23", "0.1", "-2.5E+3",
        "0000000000000000000001", "4.9e-324", "1.7976931348623157e308", "0e0005"
      })
  void edgeCases(String text) {
    assertThat(Double.compare(Numbers.toDouble(text), Double.parseDouble(text))).as(text).isZero();
  }
}
