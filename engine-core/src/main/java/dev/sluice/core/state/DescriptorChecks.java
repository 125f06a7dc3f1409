package dev.sluice.core.state;

import java.util.Objects;

/** Validation shared by the state descriptors. */
final class DescriptorChecks {
  private DescriptorChecks() {}

  static void name(String name) {
    Objects.requireNonNull(name, "state name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("state name must not be blank, was '" + name + "'");
    }
  }

  static void codec(Object codec, String what, String name) {
    Objects.requireNonNull(codec, what + " of state '" + name + "'");
  }
}
