package dev.sluice.core.internal.state;

import dev.sluice.core.state.KeyGroups;

/** Checks on entries read back from snapshot blocks, and footprint constants. */
final class RestoreChecks {
  /** Bytes per reference assumed by the footprint estimates (compressed references). */
  static final int REFERENCE_BYTES = 4;

  private RestoreChecks() {}

  static void keyInGroup(Object key, int keyGroup, int maxParallelism) {
    int actual = KeyGroups.groupOf(key, maxParallelism);
    if (actual != keyGroup) {
      throw new IllegalStateException(
          "key "
              + key
              + " was read from key group "
              + keyGroup
              + " but belongs to key group "
              + actual
              + " (its hash or the key codec changed since the snapshot)");
    }
  }

  static IllegalStateException nullValue(Object key) {
    return new IllegalStateException("key " + key + " was read with a null value");
  }

  static IllegalStateException duplicate(Object key) {
    return new IllegalStateException("key " + key + " occurs twice");
  }
}
