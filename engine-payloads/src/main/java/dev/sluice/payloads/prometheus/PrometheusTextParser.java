package dev.sluice.payloads.prometheus;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.internal.PrometheusTextReader;
import java.util.List;

/**
 * Prometheus text exposition format 0.0.4 parser: {@code # HELP}/{@code # TYPE} metadata,
 * samples with optional millisecond timestamps (converted to seconds in the model), comments and
 * blank lines ignored, {@code untyped} read as {@link MetricType#UNKNOWN}.
 *
 * <p>Errors: {@link PayloadFormatException} with {@code line L, column C}. Limits: {@link
 * PayloadLimits}. <b>Threading:</b> thread-safe.
 */
public final class PrometheusTextParser {
  private final PrometheusTextReader reader;

  /** A parser with {@link PayloadLimits#DEFAULTS}. */
  public PrometheusTextParser() {
    this(PayloadLimits.DEFAULTS);
  }

  /** A parser enforcing {@code limits}. */
  public PrometheusTextParser(PayloadLimits limits) {
    this.reader = new PrometheusTextReader(limits);
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
