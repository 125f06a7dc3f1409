package dev.sluice.core.internal.state;

import java.util.Objects;

/**
 * What a snapshot records about one state besides its data: its kind and the format ids of its
 * codecs, compared on registration and restore.
 *
 * @param kind the state's kind
 * @param keyFormat the key codec's format id (the operator's key for keyed states, the map key
 *     for broadcast state), or null for list state
 * @param subKeyFormat the namespace or user-key codec's format id, or null
 * @param valueFormat the value (element) codec's format id
 */
public record StateMeta(StateKind kind, String keyFormat, String subKeyFormat, String valueFormat) {
  public StateMeta {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(valueFormat, "valueFormat");
  }

  /**
   * Throws if {@code other} differs from this meta; the roles say where each comes from (e.g.
   * "registered", "in the snapshot").
   *
   * @throws IllegalStateException naming the state and both descriptions
   */
  void checkSame(String stateName, StateMeta other, String thisRole, String otherRole) {
    if (!equals(other)) {
      throw new IllegalStateException(
          "state '"
              + stateName
              + "' is "
              + thisRole
              + " as "
              + this
              + " but "
              + otherRole
              + " as "
              + other);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT));
    b.append(" state (");
    if (keyFormat != null) {
      b.append("key ").append(keyFormat).append(", ");
    }
    if (subKeyFormat != null) {
      b.append(kind == StateKind.NAMESPACED ? "namespace " : "user key ")
          .append(subKeyFormat)
          .append(", ");
    }
    return b.append(kind == StateKind.LIST ? "element " : "value ")
        .append(valueFormat)
        .append(')')
        .toString();
  }
}
