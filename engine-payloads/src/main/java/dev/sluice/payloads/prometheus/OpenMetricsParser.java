package dev.sluice.payloads.prometheus;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.internal.OpenMetricsReader;
import java.util.List;

/**
 * Strict OpenMetrics 1.0 text parser. It accepts a document only if it follows the format and
 * its semantic rules: {@code # EOF} last, no blank lines, metadata before a family's samples and
 * never repeated, families not interleaved and names not clashing, type-specific sample names
 * and labels ({@code le}, {@code quantile}, the stateset label), counter and bucket values
 * non-negative, histogram buckets ascending and cumulative with {@code +Inf}, count equal to the
 * {@code +Inf} bucket, sum and count together (no sum with negative buckets), info values 1,
 * stateset values 0 or 1, exemplars only on counter totals and buckets with at most 128
 * characters of labels, timestamps never decreasing per series, units as name suffixes.
 *
 * <p>Errors: {@link PayloadFormatException} with {@code line L, column C}. Limits: {@link
 * PayloadLimits} (size, lines, name and value lengths). <b>Threading:</b> thread-safe.
 */
public final class OpenMetricsParser {
  private final OpenMetricsReader reader;

  /** A parser with {@link PayloadLimits#DEFAULTS}. */
  public OpenMetricsParser() {
    this(PayloadLimits.DEFAULTS);
  }

  /** A parser enforcing {@code limits}. */
  public OpenMetricsParser(PayloadLimits limits) {
    this.reader = new OpenMetricsReader(limits);
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
