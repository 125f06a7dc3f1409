package dev.sluice.payloads.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decimal fast path gives exactly what {@link Double#parseDouble} gives. */
class NumbersTest {

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> sign = Arbitraries.of("", "+", "-");
    Arbitrary<String> intPart = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20).map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.integers().between(0, 400))
                .as((e, s, v) -> e + s + v));
    return Combinators.combine(sign, intPart, fraction, exponent)
        .as((s, i, f, e) -> s + i + f + e)
        .filter(Numbers::decimal);
  }

  @Property(tries = 20_000)
  void fastPathEqualsParseDouble(@ForAll("decimals") String text) {
    assertThat(Double.compare(Numbers.toDouble(text), Double.parseDouble(text)))
        .as(text)
        .isZero();
  }

  @Property(tries = 5_000)
  void everyDoubleRoundTripsThroughItsShortestText(@ForAll double d) {
    if (Double.isFinite(d)) {
      String text = Double.toString(d);
      assertThat(Double.compare(Numbers.toDouble(text), d)).as(text).isZero();
    }
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
