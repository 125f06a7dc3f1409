package dev.sluice.windowing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The built-in {@link Trigger}s. Every window fires on time when the watermark reaches its end
 * and once per late event within the allowed lateness; these add early firings.
 *
 * <pre>
 * window [0, 100), everyEventTime(30), events x, watermark w:
 *   x  x  w=29      x  w=59   w=89 (nothing new)   x  w=99
 *         EARLY        EARLY                         ON_TIME
 * </pre>
 */
public final class Triggers {
  private Triggers() {}

  /** No early firings: the window fires when the watermark reaches its end (the default). */
  @SuppressWarnings("unchecked")
  public static <T> Trigger<T> onWatermark() {
    return (Trigger<T>) OnWatermark.INSTANCE;
  }

  /**
   * Fires a window early each time it has received {@code n} events since its last firing.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static <T> Trigger<T> everyEvents(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("everyEvents needs n >= 1, was " + n);
    }
    return new Trigger<>() {
      @Override
      public boolean fireOnEvent(T event, long timestamp, TimeWindow window, long pendingEvents) {
        return pendingEvents >= n;
      }

      @Override
      public String toString() {
        return "everyEvents(" + n + ")";
      }
    };
  }

  /**
   * Fires a window early each time the watermark passes {@code window.start + k * interval - 1}
   * (k = 1, 2, ...) before the window's end, if the window received events since its last
   * firing. A watermark that passes several such instants at once fires once.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive (in milliseconds)
   */
  public static <T> Trigger<T> everyEventTime(Duration interval) {
    long ms = Objects.requireNonNull(interval, "interval").toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException("everyEventTime needs an interval > 0 ms, was " + ms);
    }
    return new Trigger<>() {
      @Override
      public long nextEarlyEventTime(TimeWindow window, long watermark) {
        if (watermark == Long.MAX_VALUE) {
          return NO_TIME;
        }
        long start = window.start();
        if (start == Long.MIN_VALUE) {
          // the global window: instants k * interval - 1 of the epoch
          return (Math.floorDiv(watermark + 1, ms) + 1) * ms - 1;
        }
        if (watermark < start) {
          long first = start + ms - 1;
          return first < start ? NO_TIME : first;
        }
        long k = (watermark - start + 1) / ms + 1;
        long t = start + k * ms - 1;
        return t < watermark ? NO_TIME : t;
      }

      @Override
      public String toString() {
        return "everyEventTime(" + ms + "ms)";
      }
    };
  }

  /**
   * Fires a window early {@code interval} of processing time after its first event since its
   * last firing. Not reproducible: the firing depends on the wall clock.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive (in milliseconds)
   */
  public static <T> Trigger<T> everyProcessingTime(Duration interval) {
    long ms = Objects.requireNonNull(interval, "interval").toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(
          "everyProcessingTime needs an interval > 0 ms, was " + ms);
    }
    return new Trigger<>() {
      @Override
      public long earlyProcessingDelayMillis() {
        return ms;
      }

      @Override
      public String toString() {
        return "everyProcessingTime(" + ms + "ms)";
      }
    };
  }

  /**
   * Fires a window early right after an event for which {@code predicate} holds was added (for
   * example an end-of-batch marker). The predicate must be thread-safe and must not block.
   */
  public static <T> Trigger<T> onEvent(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new Trigger<>() {
      @Override
      public boolean fireOnEvent(T event, long timestamp, TimeWindow window, long pendingEvents) {
        return predicate.test(event);
      }

      @Override
      public String toString() {
        return "onEvent(predicate)";
      }
    };
  }

  private static final class OnWatermark implements Trigger<Object> {
    static final OnWatermark INSTANCE = new OnWatermark();

    @Override
    public String toString() {
      return "onWatermark";
    }
  }
}
