package dev.sluice.payloads.prometheus;

import java.util.Objects;

/**
 * A label: name and (unescaped) value.
 *
 * @param name label name
 * @param value label value
 */
public record Label(String name, String value) {
  /** Checks for nulls. */
  public Label {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
