package dev.sluice.payloads.prometheus;

import java.util.Locale;
import java.util.Set;

/** Metric family types of OpenMetrics 1.0 (Prometheus text 0.0.4 {@code untyped} maps to UNKNOWN). */
public enum MetricType {
  /** Monotonic counter: {@code _total}, {@code _created}. */
  COUNTER(Set.of("_total", "_created")),
  /** Gauge: the family name itself. */
  GAUGE(Set.of("")),
  /** Histogram: {@code _bucket}, {@code _count}, {@code _sum}, {@code _created}. */
  HISTOGRAM(Set.of("_bucket", "_count", "_sum", "_created")),
  /** Gauge histogram: {@code _bucket}, {@code _gcount}, {@code _gsum}. */
  GAUGEHISTOGRAM(Set.of("_bucket", "_gcount", "_gsum")),
  /** Summary: quantiles under the family name, {@code _count}, {@code _sum}, {@code _created}. */
  SUMMARY(Set.of("", "_count", "_sum", "_created")),
  /** Info: {@code _info}, value 1. */
  INFO(Set.of("_info")),
  /** State set: the family name, one label named after the family, values 0 or 1. */
  STATESET(Set.of("")),
  /** Unknown (untyped): the family name itself. */
  UNKNOWN(Set.of(""));

  private final Set<String> suffixes;

  MetricType(Set<String> suffixes) {
    this.suffixes = suffixes;
  }

  /** The sample-name suffixes this type allows ({@code ""} for the family name itself). */
  public Set<String> suffixes() {
    return suffixes;
  }

  /** The name used in {@code # TYPE} lines. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
