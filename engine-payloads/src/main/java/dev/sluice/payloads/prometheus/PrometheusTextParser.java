package dev.sluice.payloads.prometheus;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.internal.PrometheusTextReader;
import java.util.List;

/**
 * Prometheus text exposition format 0.0.4 parser: {@code # HELP}/{@code # TYPE} metadata,
 * samples with optional millisecond timestamps (converted to seconds in the model), comments and
 * blank lines ignored, {@code untyped} read as {@link MetricType#UNKNOWN}. Any number of blanks or
 * tabs may separate tokens, a label set may end with a comma, and a value may follow a closing
 * {@code '}'} directly, as the format allows.
 *
 * <p>Rejected, as the format forbids: a histogram point without an {@code le="+Inf"} bucket or
 * whose {@code _count} differs from it, {@code le} and {@code quantile} values that are not
 * decimal numbers ({@code +Inf} for {@code le}; quantiles from 0 to 1), buckets or quantiles out
 * of increasing order, negative or NaN bucket counts and {@code _count}s, decreasing bucket
 * counts, and a last line without a line feed. These point rules are the ones {@link
 * OpenMetricsParser} applies. The {@linkplain #lenient lenient} parser accepts a last line without
 * a line feed and is otherwise the same.
 *
 * <p>Errors: {@link PayloadFormatException} with {@code line L, column C} (for a point's rules
 * checked at its end, {@code line L} of its first sample). Limits: {@link PayloadLimits}.
 * <b>Threading:</b> thread-safe.
 */
public final class PrometheusTextParser {
  private final PrometheusTextReader reader;

  /** A strict parser with {@link PayloadLimits#DEFAULTS}. */
  public PrometheusTextParser() {
    this(PayloadLimits.DEFAULTS);
  }

  /** A strict parser enforcing {@code limits}. */
  public PrometheusTextParser(PayloadLimits limits) {
    this.reader = new PrometheusTextReader(limits, false);
  }

  private PrometheusTextParser(PrometheusTextReader reader) {
    this.reader = reader;
  }

  /**
   * A parser enforcing {@code limits} that also accepts a last line without a line feed (a
   * document cut after its last sample, as some hand-written or {@code echo -n} inputs are); every
   * other rule is the strict parser's.
   */
  public static PrometheusTextParser lenient(PayloadLimits limits) {
    return new PrometheusTextParser(new PrometheusTextReader(limits, true));
  }

  /**
   * Parses a whole exposition (UTF-8).
   *
   * @throws PayloadFormatException naming the line and column of the first problem
   */
  public List<MetricFamily> parse(byte[] input) {
    return reader.read(input);
  }
}
