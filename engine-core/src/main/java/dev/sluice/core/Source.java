package dev.sluice.core;

/**
 * Describes where events come from. {@link Sources} has the built-in sources; implement this
 * interface for your own.
 *
 * <p>A source is a description: the runtime calls {@link #createReader} once per parallel
 * instance when a job starts. A non-blocking source's reader runs on a shared worker thread and
 * must return promptly; a source that blocks (files, sockets) returns true from {@link
 * #isBlocking()} and gets a dedicated thread.
 *
 * @param <T> event type
 */
public interface Source<T> {

  /** The source's name, used as the stage name. */
  String name();

  /** Creates the reader of instance {@code instanceIndex} of {@code parallelism}. */
  SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception;

  /** True if the reader may block; it then runs on its own thread. Default false. */
  default boolean isBlocking() {
    return false;
  }

  /** How many parallel instances the source can have; default 1. */
  default int maxParallelism() {
    return 1;
  }
}
