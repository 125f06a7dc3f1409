package dev.sluice.payloads.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written DateTime fast paths agree with java.time's formatters. */
class DateTimesTest {

  @Provide
  Arbitrary<Instant> instants() {
    long min = DateTimes.MIN.getEpochSecond();
    long max = DateTimes.MAX.getEpochSecond();
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
            Arbitraries.integers().between(0, 999_999).map(us -> us * 1000),
            Arbitraries.integers().between(0, 999_999_999));
    // MAX has no fraction: the last second starts at MAX
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs().between(min, max - 1), nanos)
            .as(Instant::ofEpochSecond),
        Arbitraries.of(DateTimes.MIN, DateTimes.MAX));
  }

  @Property(tries = 3000)
  void formatWritesWhatIsoInstantWritesAndParsesBack(@ForAll("instants") Instant t) {
    String text = DateTimes.format(t);
    assertThat(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
    assertThat(DateTimes.parseUtc(text)).isEqualTo(t);
    assertThat(DateTimes.parse(text)).isEqualTo(t);
  }

  /** Field values around and beyond their ranges, fractions of 0..10 digits. */
  @Provide
  Arbitrary<String> utcTexts() {
    Arbitrary<String> fraction =
        Arbitraries.integers()
            .between(0, 10)
            .flatMap(
                n ->
                    n == 0
                        ? Arbitraries.just("")
                        : Arbitraries.strings().numeric().ofLength(n).map(d -> "." + d));
    return Combinators.combine(
            Arbitraries.integers().between(0, 9999),
            Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32),
            Arbitraries.integers().between(0, 24),
            Arbitraries.integers().between(0, 60),
            Arbitraries.integers().between(0, 60),
            fraction)
        .as(
            (y, mo, d, h, mi, s, f) ->
                String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", y, mo, d, h, mi, s, f));
  }

  @Property(tries = 5000)
  void fastPathAcceptsExactlyWhatTheFormatterAcceptsWithTheSameValue(
      @ForAll("utcTexts") String text) {
    assertThat(DateTimes.parseUtc(text)).isEqualTo(DateTimes.parseWithFormatter(text));
  }

  @Test
  void otherFormsFallBackToTheFormatter() {
    assertThat(DateTimes.parseUtc("2024-05-01T14:00:00+02:00")).isNull();
    assertThat(DateTimes.parse("2024-05-01T14:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(DateTimes.parse("2024-05-01t12:00:00z"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(DateTimes.parse("2024-02-29T00:00:00Z")).isNotNull();
    assertThat(DateTimes.parse("2023-02-29T00:00:00Z")).isNull();
    // java.time accepts a decimal point without digits; the fast path leaves that to it
    assertThat(DateTimes.parseUtc("2024-05-01T12:00:00.Z")).isNull();
    assertThat(DateTimes.parse("2024-05-01T12:00:00.Z"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(DateTimes.parse("2024-05-01 12:00:00Z")).isNull();
    assertThat(DateTimes.parse("0000-01-01T00:00:00Z")).isEqualTo(DateTimes.MIN);
    assertThat(DateTimes.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .isEqualTo("9999-12-31T23:59:59Z");
  }
}
