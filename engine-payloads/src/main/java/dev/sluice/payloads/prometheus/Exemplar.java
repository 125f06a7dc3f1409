package dev.sluice.payloads.prometheus;

import java.util.List;

/**
 * An exemplar attached to a sample.
 *
 * @param labels its labels (at most 128 UTF-8 code points of names and values together)
 * @param value its value
 * @param timestampSeconds its timestamp, or null
 */
public record Exemplar(List<Label> labels, double value, Double timestampSeconds) {
  /** Copies the labels. */
  public Exemplar {
    labels = List.copyOf(labels);
  }
}
