package dev.sluice.core;

import dev.sluice.core.internal.connectors.FileLinesSource;
import dev.sluice.core.internal.connectors.GeneratorSource;
import dev.sluice.core.internal.connectors.IterableSource;
import dev.sluice.core.internal.connectors.ListSource;
import dev.sluice.core.internal.connectors.PublisherSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/** The built-in sources. Each returned {@link Source} is an immutable description. */
public final class Sources {
  private Sources() {}

  /**
   * The elements of {@code items}, in iteration order; bounded. The iterable is iterated once per
   * job, on a worker thread, so it must not block.
   */
  public static <T> Source<T> fromIterable(String name, Iterable<? extends T> items) {
    return new IterableSource<>(name, Objects.requireNonNull(items, "items"));
  }

  /**
   * The elements of {@code items}, read by up to {@code Integer.MAX_VALUE} parallel instances
   * (set the source stage's parallelism): instance {@code i} of {@code p} emits the contiguous
   * slice {@code [i·n/p, (i+1)·n/p)} in list order, so each instance's order is the list's.
   * Bounded. The list is read, never copied; it must not change while a job reads it, and {@code
   * get(int)} should be fast (an {@code ArrayList} or {@code List.of}).
   */
  public static <T> Source<T> fromList(String name, List<? extends T> items) {
    return new ListSource<>(name, Objects.requireNonNull(items, "items"), Integer.MAX_VALUE);
  }

  /**
   * The events {@code eventAt(0)}, ..., {@code eventAt(count - 1)}, read by up to {@code
   * Integer.MAX_VALUE} parallel instances (instance {@code i} of {@code p} emits the indices
   * {@code [i·n/p, (i+1)·n/p)} in order); bounded unless {@code count} is {@code Long.MAX_VALUE}.
   * A seeded generator: since each event is a function of its index, the source is replayable
   * and its position is stored in checkpoints. {@code eventAt} must be a pure function.
   */
  public static <T> Source<T> sequence(
      String name, long count, java.util.function.LongFunction<? extends T> eventAt) {
    return new dev.sluice.core.internal.connectors.SequenceSource<>(name, count, eventAt);
  }

  /**
   * {@code count} events made by {@code supplier}, as fast as the pipeline takes them; bounded
   * unless {@code count} is {@code Long.MAX_VALUE}. The supplier is called on one thread. Not
   * replayable (a supplier's state cannot be stored): across a restore it starts afresh; use
   * {@link #sequence} for a generator that checkpoints its position.
   */
  public static <T> Source<T> generator(String name, Supplier<? extends T> supplier, long count) {
    return new GeneratorSource<>(name, supplier, count, 0);
  }

  /**
   * {@code count} events made by {@code supplier} at {@code ratePerSecond} on average, emitted on
   * an open-loop schedule (a source that falls behind catches up). Non-blocking.
   *
   * @throws IllegalArgumentException if {@code ratePerSecond <= 0} or {@code count < 0}
   */
  public static <T> Source<T> generator(
      String name, Supplier<? extends T> supplier, long count, double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException(
          "source '" + name + "': ratePerSecond must be > 0, was " + ratePerSecond);
    }
    return new GeneratorSource<>(name, supplier, count, ratePerSecond);
  }

  /**
   * Subscribes to {@code publisher} (for example a Reactor {@code Flux}) when the job starts and
   * requests events as the pipeline consumes them, in batches, never more than it can buffer.
   * Ends when the publisher completes; an error from the publisher fails the job. Cancelling the
   * job cancels the subscription.
   */
  public static <T> Source<T> fromPublisher(String name, Publisher<? extends T> publisher) {
    return new PublisherSource<>(name, Objects.requireNonNull(publisher, "publisher"), 1024);
  }

  /**
   * A source a service feeds from its own threads; see {@link PushSource}.
   *
   * @param capacity events buffered between the feeding threads and the pipeline
   * @param strategy what {@link PushSource#offer} does when the buffer is full
   */
  public static <T> PushSource<T> push(String name, int capacity, BackpressureStrategy strategy) {
    return new PushSource<>(name, capacity, strategy);
  }

  /** The lines of a UTF-8 text file; read on a dedicated thread; bounded. */
  public static Source<String> fileLines(String name, Path file) {
    return fileLines(name, file, StandardCharsets.UTF_8);
  }

  /** The lines of a text file in {@code charset}; read on a dedicated thread; bounded. */
  public static Source<String> fileLines(String name, Path file, Charset charset) {
    return new FileLinesSource(name, Objects.requireNonNull(file, "file"), charset);
  }
}
