package dev.sluice.payloads.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * One sample line.
 *
 * @param name the sample name (family name plus a type suffix)
 * @param labels labels in the order given
 * @param value the value (NaN and ±Inf allowed where the type allows)
 * @param timestampSeconds the timestamp in seconds, or null (text format 0.0.4 milliseconds are
 *     converted)
 * @param exemplar the exemplar, or null
 */
public record Sample(
    String name, List<Label> labels, double value, Double timestampSeconds, Exemplar exemplar) {
  /** Copies the labels. */
  public Sample {
    Objects.requireNonNull(name, "name");
    labels = List.copyOf(labels);
  }

  /** The value of label {@code labelName}, or null. */
  public String label(String labelName) {
    for (Label l : labels) {
      if (l.name().equals(labelName)) {
        return l.value();
      }
    }
    return null;
  }
}
