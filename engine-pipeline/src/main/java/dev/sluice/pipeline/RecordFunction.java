package dev.sluice.pipeline;

/**
 * A record transformation written in Java, for the {@code class} stage of a pipeline file
 * (allowed only with {@code --allow-classes}). Implementations have a public constructor without
 * arguments; one instance serves all parallel instances of the stage, so it must be thread-safe.
 */
@FunctionalInterface
public interface RecordFunction {
  /**
   * The record for {@code input}, of schema {@code output} (the schema the file declares for the
   * stage), or null to drop it.
   */
  Record apply(Record input, RecordSchema output);
}
