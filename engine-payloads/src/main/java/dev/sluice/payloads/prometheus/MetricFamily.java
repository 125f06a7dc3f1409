package dev.sluice.payloads.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: metadata and samples.
 *
 * @param name family name
 * @param type type (UNKNOWN when not declared)
 * @param help help text (unescaped), or null
 * @param unit unit, or null
 * @param samples samples in the order given
 */
public record MetricFamily(
    String name, MetricType type, String help, String unit, List<Sample> samples) {
  /** Copies the samples. */
  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    samples = List.copyOf(samples);
  }
}
