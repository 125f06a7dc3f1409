package dev.sluice.core.checkpoint;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A complete checkpoint: every part the job's stages stored for one checkpoint id.
 *
 * <p>Part names are chosen by the runtime (for example {@code "stage/3/instance/1/keyed"}); a
 * store treats them as opaque keys and the bytes as opaque values. Immutable: the map is copied
 * into a sorted map and the byte arrays must not be changed after construction.
 *
 * @param jobName the name of the job that took it
 * @param id the checkpoint id, increasing within a job's run and across its restores
 * @param timestampMillis wall-clock time at which the checkpoint was triggered
 * @param kind checkpoint or savepoint
 * @param parts the stored parts by name
 */
public record CompletedCheckpoint(
    String jobName, long id, long timestampMillis, CheckpointKind kind, Map<String, byte[]> parts) {

  /** Checks the fields and copies {@code parts} into an unmodifiable sorted map. */
  public CompletedCheckpoint {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(kind, "kind");
    if (id < 0) {
      throw new IllegalArgumentException("checkpoint id must be >= 0, was " + id);
    }
    TreeMap<String, byte[]> copy = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : parts.entrySet()) {
      copy.put(
          Objects.requireNonNull(e.getKey(), "part name"),
          Objects.requireNonNull(e.getValue(), () -> "part " + e.getKey()));
    }
    parts = java.util.Collections.unmodifiableSortedMap(copy);
  }

  /** Total bytes of all parts. */
  public long sizeBytes() {
    long n = 0;
    for (byte[] b : parts.values()) {
      n += b.length;
    }
    return n;
  }
}
