package dev.sluice.payloads.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written DateTime fast paths agree with java.time's formatters. */
class DateTimesTest {

  /**
   * Instants from {@link DateTimes#MIN} to {@link DateTimes#MAX}: half of them MIN or MAX
   * themselves, the others with whole-second, millisecond, microsecond or nanosecond fractions.
   */
  static Instant instant(Generator g) {
    long min = DateTimes.MIN.getEpochSecond();
    long max = DateTimes.MAX.getEpochSecond();
    if (g.bool()) {
      return g.pick(DateTimes.MIN, DateTimes.MAX);
    }
    // MAX has no fraction: the last second starts at MAX
    int nanos =
        g.<Integer>oneOf(
            x -> 0,
            x -> x.intBetween(0, 999) * 1_000_000,
            x -> x.intBetween(0, 999_999) * 1000,
            x -> x.intBetween(0, 999_999_999));
    return Instant.ofEpochSecond(g.longBetween(min, max - 1), nanos);
  }

  @Test
  void formatWritesWhatIsoInstantWritesAndParsesBack() {
    SeededRuns.forAll(
        3000,
        List.of(
            DateTimes.MIN,
            DateTimes.MAX,
            DateTimes.MIN.plusNanos(999_999_999),
            DateTimes.MAX.minusNanos(1),
            Instant.EPOCH,
            Instant.ofEpochSecond(0, 1),
            Instant.ofEpochSecond(0, 1000),
            Instant.ofEpochSecond(0, 1_000_000),
            Instant.parse("2024-02-29T23:59:59.100Z")),
        DateTimesTest::instant,
        t -> {
          String text = DateTimes.format(t);
          assertThat(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
          assertThat(DateTimes.parseUtc(text)).isEqualTo(t);
          assertThat(DateTimes.parse(text)).isEqualTo(t);
        });
  }

  /** Field values around and beyond their ranges, fractions of 0..10 digits. */
  static String utcText(Generator g) {
    int digits = g.intBetween(0, 10);
    String fraction = digits == 0 ? "" : "." + g.stringInRange('0', '9', digits, digits);
    return String.format(
        "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
        g.intBetween(0, 9999),
        g.intBetween(0, 13),
        g.intBetween(0, 32),
        g.intBetween(0, 24),
        g.intBetween(0, 60),
        g.intBetween(0, 60),
        fraction);
  }

  @Test
  void fastPathAcceptsExactlyWhatTheFormatterAcceptsWithTheSameValue() {
    SeededRuns.forAll(
        5000,
        List.of(
            "0000-00-00T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-13-32T24:60:60.9999999999Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T23:59:60Z",
            "2023-02-29T00:00:00Z",
            "2024-12-31T24:00:00Z",
            "2024-04-31T00:00:00.5Z",
            "1970-01-01T00:00:00.0000000000Z"),
        DateTimesTest::utcText,
        text -> assertThat(DateTimes.parseUtc(text)).isEqualTo(DateTimes.parseWithFormatter(text)));
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
