package dev.sluice.core;

/**
 * Describes where events go. {@link Sinks} has the built-in sinks; implement this for your own.
 *
 * <p>The runtime calls {@link #createWriter} once per parallel instance when a job starts. A
 * sink whose writer blocks returns true from {@link #isBlocking()} and gets a dedicated thread.
 *
 * @param <T> event type
 */
public interface Sink<T> {

  /** The sink's name, used as the stage name. */
  String name();

  /** Creates the writer of instance {@code instanceIndex} of {@code parallelism}. */
  SinkWriter<T> createWriter(int instanceIndex, int parallelism) throws Exception;

  /** True if the writer may block; it then runs on its own thread. Default false. */
  default boolean isBlocking() {
    return false;
  }

  /** How many parallel instances the sink can have; default unbounded. */
  default int maxParallelism() {
    return Integer.MAX_VALUE;
  }
}
