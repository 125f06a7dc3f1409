package dev.sluice.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the generator draws: ranges respected, edge values reached, same seed same values. */
class GeneratorTest {

  @Test
  void theSameSeedGivesTheSameValues() {
    Generator a = new Generator(7);
    Generator b = new Generator(7);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.anyLong()).isEqualTo(b.anyLong());
      assertThat(Double.doubleToRawLongBits(a.anyDouble()))
          .isEqualTo(Double.doubleToRawLongBits(b.anyDouble()));
      assertThat(a.unicodeString(0, 10)).isEqualTo(b.unicodeString(0, 10));
    }
    assertThat(new Generator(8).anyLong()).isNotEqualTo(new Generator(7).anyLong());
  }

  @Test
  void intsStayInTheirRangeAndReachItsEdges() {
    Generator g = new Generator(1);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      int x = g.intBetween(-3000, 3000);
      assertThat(x).isBetween(-3000, 3000);
      seen.add(x);
    }
    assertThat(seen).contains(-3000, -2, -1, 0, 1, 2, 3000);
    assertThat(seen.stream().filter(x -> Math.abs(x) > 1000).count()).isGreaterThan(500);

    Set<Integer> positive = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      int x = g.intBetween(5, 9);
      assertThat(x).isBetween(5, 9);
      positive.add(x);
    }
    assertThat(positive).containsExactlyInAnyOrder(5, 6, 7, 8, 9);
    assertThat(g.intBetween(4, 4)).isEqualTo(4);
  }

  @Test
  void longsCoverTheExtremesAndEveryMagnitude() {
    Generator g = new Generator(2);
    Set<Long> seen = new HashSet<>();
    Set<Integer> bitLengths = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      long x = g.anyLong();
      seen.add(x);
      bitLengths.add(64 - Long.numberOfLeadingZeros(Math.abs(x)));
    }
    assertThat(seen).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 2L);
    // log-uniform magnitudes near zero: small, middling and full-width values all occur
    assertThat(bitLengths).contains(1, 8, 16, 32, 48, 63);

    for (int i = 0; i < 2000; i++) {
      assertThat(g.longBetween(Long.MAX_VALUE - 3, Long.MAX_VALUE)).isGreaterThan(Long.MAX_VALUE - 4);
      assertThat(g.longBetween(Long.MIN_VALUE, Long.MIN_VALUE + 3)).isLessThan(Long.MIN_VALUE + 4);
      assertThat(g.longBetween(-10, -5)).isBetween(-10L, -5L);
      assertThat(g.longBetween(0, 0xFFFF_FFFFL)).isBetween(0L, 0xFFFF_FFFFL);
    }
  }

  @Test
  void doublesIncludeEverySpecialValue() {
    Generator g = new Generator(3);
    Set<Long> bits = new HashSet<>();
    boolean nan = false;
    boolean subnormalOtherThanTheSmallest = false;
    boolean twoDecimals = false;
    for (int i = 0; i < 5000; i++) {
      double d = g.anyDouble();
      bits.add(Double.doubleToLongBits(d));
      nan |= Double.isNaN(d);
      subnormalOtherThanTheSmallest |=
          d != 0 && Math.abs(d) < Double.MIN_NORMAL && Math.abs(d) != Double.MIN_VALUE;
      twoDecimals |= Double.isFinite(d) && Math.abs(d) > 1000 && Math.rint(d) != d
          && new BigDecimal(Double.toString(d)).scale() == 2;
    }
    assertThat(nan).isTrue();
    assertThat(subnormalOtherThanTheSmallest).isTrue();
    assertThat(twoDecimals).isTrue();
    for (double special :
        new double[] {
          0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
          -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -0.01
        }) {
      assertThat(bits).as("%s", special).contains(Double.doubleToLongBits(special));
    }

    Set<Integer> floatBits = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      floatBits.add(Float.floatToIntBits(g.anyFloat()));
    }
    for (float special :
        new float[] {
          -0.0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY
        }) {
      assertThat(floatBits).as("%s", special).contains(Float.floatToIntBits(special));
    }
  }

  @Test
  void decimalsHaveTheScaleAndStayInTheRange() {
    Generator g = new Generator(4);
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < 3000; i++) {
      double d = g.decimalBetween(0.0, 1.0, 2);
      assertThat(d).isBetween(0.0, 1.0);
      assertThat(new BigDecimal(Double.toString(d)).stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
      seen.add(d);
    }
    assertThat(seen).contains(0.0, 0.01, 1.0);
    assertThat(seen.size()).isGreaterThan(90);
    for (int i = 0; i < 3000; i++) {
      assertThat(g.decimalBetween(-1e300, 1e300, 2)).isBetween(-1e300, 1e300);
      double d = g.decimalBetween(-1e12, 1e12, 2);
      assertThat(d).isBetween(-1e12, 1e12);
      assertThat(new BigDecimal(Double.toString(d)).stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
    }
    assertThatThrownBy(() -> g.decimalBetween(1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stringsUseTheirAlphabetAndReachBothLengths() {
    Generator g = new Generator(5);
    Set<Integer> lengths = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String s = g.stringOf("ab-", 0, 12);
      assertThat(s).matches("[ab-]{0,12}");
      lengths.add(s.length());
      String unicode = g.unicodeString(1, 30);
      assertThat(unicode.length()).isBetween(1, 30);
      for (char c : unicode.toCharArray()) {
        assertThat(Character.isSurrogate(c)).isFalse();
        assertThat(c >= '\ue000' && c <= '\uf8ff').isFalse();
        assertThat(c >= '\ufdd0' && c <= '\ufdef' || c == '\ufffe' || c == '\uffff').isFalse();
      }
      assertThat(g.stringInRange('0', '9', 3, 3)).matches("[0-9]{3}");
    }
    assertThat(lengths).contains(0, 1, 12);
  }

  @Test
  void listsNullsChoicesAndFilters() {
    Generator g = new Generator(6);
    Set<Integer> sizes = new HashSet<>();
    int nulls = 0;
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sizes.add(g.listOf(1, 6, Generator::anyInt).size());
      if (g.orNull(0.3, Generator::anyInt) == null) {
        nulls++;
      }
      picked.add(g.pick("x", "y", "z"));
      assertThat(g.<Integer>oneOf(x -> 1, x -> 2)).isBetween(1, 2);
      assertThat(g.satisfying(x -> x.intBetween(0, 100), x -> x % 2 == 0) % 2).isZero();
      assertThat(g.bytes(0, 16).length).isBetween(0, 16);
    }
    assertThat(sizes).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(nulls).isBetween(200, 400);
    assertThat(picked).contains("x", "y", "z");
    assertThatThrownBy(() -> g.satisfying(Generator::anyInt, x -> false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> g.intBetween(2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.pick(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.chance(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
