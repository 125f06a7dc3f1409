package dev.sluice.core;

import dev.sluice.core.checkpoint.JsonLinesFileSink;
import dev.sluice.core.internal.connectors.CallbackSink;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;

/** The built-in sinks. */
public final class Sinks {
  private Sinks() {}

  /** Collects every event in memory; read them with {@link CollectSink#items()}. */
  public static <T> CollectSink<T> collect(String name) {
    return new CollectSink<>(name);
  }

  /**
   * Calls {@code callback} for each event on a worker thread. The callback must not block and,
   * at parallelism above 1, must be thread-safe.
   */
  public static <T> Sink<T> callback(String name, Consumer<? super T> callback) {
    return new CallbackSink<>(name, Objects.requireNonNull(callback, "callback"), false);
  }

  /** Calls {@code callback} for each event on a dedicated thread, where it may block. */
  public static <T> Sink<T> blockingCallback(String name, Consumer<? super T> callback) {
    return new CallbackSink<>(name, Objects.requireNonNull(callback, "callback"), true);
  }

  /** Counts and discards events; read the count with {@link CountingSink#count()}. */
  public static <T> CountingSink<T> counting(String name) {
    return new CountingSink<>(name);
  }

  /** Discards events. */
  public static <T> Sink<T> discard(String name) {
    return new CountingSink<>(name);
  }

  /**
   * Publishes events to one Reactive Streams subscriber (subscribe to {@link
   * PublisherSink#flux()}), honouring its demand: without demand the pipeline is held back.
   */
  public static <T> PublisherSink<T> publisher(String name) {
    return new PublisherSink<>(name);
  }

  /** Publishes events to {@code subscriber}, honouring its demand. */
  public static <T> Sink<T> subscriber(String name, Subscriber<? super T> subscriber) {
    PublisherSink<T> sink = new PublisherSink<>(name);
    sink.subscribe(subscriber);
    return sink;
  }

  /**
   * Writes each event as one line of JSON (Jackson's default mapping) into files {@code
   * <name>-<instance>-<checkpoint>.jsonl} in {@code directory}: exactly once when the job takes
   * checkpoints (two-phase commit: a file becomes visible when the checkpoint that covers it
   * completes), at least once without (visible when the input ends). {@link
   * JsonLinesFileSink#builder} sets the file prefix, the formatter and fsync.
   */
  public static <T> JsonLinesFileSink<T> exactlyOnceJsonLines(String name, Path directory) {
    return JsonLinesFileSink.<T>builder(name, directory).build();
  }
}
