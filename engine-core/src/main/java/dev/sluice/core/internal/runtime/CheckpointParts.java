package dev.sluice.core.internal.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The parts one tasklet contributes to one checkpoint, collected while the barrier passes its
 * chain. Part names are {@code kind/uid/instance} (see {@link RestoreState}).
 *
 * <p>Single-threaded: filled on the tasklet's thread, then handed to the coordinator.
 */
final class CheckpointParts {
  static final String OPERATOR = "operator";
  static final String SOURCE = "source";
  static final String SINK = "sink";
  static final String ASYNC = "async";

  final long checkpointId;
  /**
   * True for the parts a tasklet leaves when it finishes: they stand in for its acknowledgement
   * of every later checkpoint, and sinks prepare no transaction for them.
   */
  final boolean isFinal;
  final Map<String, byte[]> parts = new HashMap<>();

  CheckpointParts(long checkpointId, boolean isFinal) {
    this.checkpointId = checkpointId;
    this.isFinal = isFinal;
  }

  static String name(String kind, String uid, int instance) {
    return kind + "/" + uid + "/" + instance;
  }

  void put(String kind, String uid, int instance, byte[] bytes) {
    String name = name(kind, uid, instance);
    if (parts.put(name, bytes) != null) {
      throw new IllegalStateException("two parts named '" + name + "' in one checkpoint");
    }
  }
}
