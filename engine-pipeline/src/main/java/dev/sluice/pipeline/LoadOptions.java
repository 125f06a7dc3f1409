package dev.sluice.pipeline;

import java.util.OptionalInt;

/**
 * How a pipeline file is loaded: limits and permissions. Immutable.
 *
 * @param allowClasses whether the file may name Java classes (the {@code class} stage); off by
 *     default, turned on by {@code sluice run --allow-classes}
 * @param maxFileBytes the largest file accepted, in bytes
 * @param maxDepth the deepest nesting of objects and arrays accepted
 * @param maxStages the most sources, stages and sinks together
 * @param parallelism overrides the file's default operator parallelism when present
 */
public record LoadOptions(
    boolean allowClasses, long maxFileBytes, int maxDepth, int maxStages, OptionalInt parallelism) {

  /** 1 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 20;

  /** 32 levels. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** 1,000 nodes. */
  public static final int DEFAULT_MAX_STAGES = 1000;

  /** Checks the limits. */
  public LoadOptions {
    if (maxFileBytes < 1 || maxDepth < 2 || maxStages < 1) {
      throw new IllegalArgumentException("limits must be positive (maxDepth at least 2)");
    }
    if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism.getAsInt());
    }
  }

  /** No classes, 1 MiB, depth 32, 1,000 stages, the file's parallelism. */
  public static LoadOptions defaults() {
    return new LoadOptions(
        false, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STAGES, OptionalInt.empty());
  }

  /** With {@code allow} for classes. */
  public LoadOptions withAllowClasses(boolean allow) {
    return new LoadOptions(allow, maxFileBytes, maxDepth, maxStages, parallelism);
  }

  /** With another size limit. */
  public LoadOptions withMaxFileBytes(long bytes) {
    return new LoadOptions(allowClasses, bytes, maxDepth, maxStages, parallelism);
  }

  /** With the default operator parallelism overridden. */
  public LoadOptions withParallelism(int p) {
    return new LoadOptions(allowClasses, maxFileBytes, maxDepth, maxStages, OptionalInt.of(p));
  }
}
