package dev.sluice.core.internal.runtime;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fused links of the stateless stages: map, filter, flatMap, mapMulti, peek, identity. The
 * one-to-one links (map, filter, peek, identity) count only their input per event; their output
 * is derived from it ({@link StageCounter#out()}).
 */
final class StatelessLinks {
  private StatelessLinks() {}

  static final class MapLink extends Link {
    private final Function<Object, Object> fn;

    MapLink(StageCounter counter, Function<Object, Object> fn) {
      super(counter);
      counter.outDerived = true;
      this.fn = fn;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      Object r;
      try {
        r = fn.apply(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      if (r == null) {
        // A null result would poison the queues; treat as "no output", like flatMap of nothing.
        c.filtered++;
        return;
      }
      next.onEvent(r, timestamp);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      long t0 = System.nanoTime();
      Object r;
      try {
        r = fn.apply(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      recordProcessing(t0);
      if (r == null) {
        c.filtered++;
        return;
      }
      next.onEventTimed(r, timestamp);
    }
  }

  static final class FilterLink extends Link {
    private final Predicate<Object> predicate;

    FilterLink(StageCounter counter, Predicate<Object> predicate) {
      super(counter);
      counter.outDerived = true;
      this.predicate = predicate;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      boolean pass;
      try {
        pass = predicate.test(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      if (pass) {
          next.onEvent(item, timestamp);
      } else {
        c.filtered++;
      }
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      long t0 = System.nanoTime();
      boolean pass;
      try {
        pass = predicate.test(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      recordProcessing(t0);
      if (pass) {
          next.onEventTimed(item, timestamp);
      } else {
        c.filtered++;
      }
    }
  }

  static final class PeekLink extends Link {
    private final Consumer<Object> action;

    PeekLink(StageCounter counter, Consumer<Object> action) {
      super(counter);
      counter.outDerived = true;
      this.action = action;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      try {
        action.accept(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      next.onEvent(item, timestamp);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      long t0 = System.nanoTime();
      try {
        action.accept(item);
      } catch (RuntimeException | Error e) {
        handleError(item, timestamp, e);
        return;
      }
      recordProcessing(t0);
      next.onEventTimed(item, timestamp);
    }
  }

  /** Pass-through used for union, partition and rebalance stages. */
  static final class IdentityLink extends Link {
    IdentityLink(StageCounter counter) {
      super(counter);
      counter.outDerived = true;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      next.onEvent(item, timestamp);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      StageCounter c = counter;
      c.in++;
      next.onEventTimed(item, timestamp);
    }
  }

  /**
   * flatMap. One body serves both entry points, with the timed path as a constant flag that the
   * JIT folds: a timed event times the function and passes its first result on timed.
   */
  static final class FlatMapLink extends Link {
    private final Function<Object, ? extends Iterable<?>> fn;

    FlatMapLink(StageCounter counter, Function<Object, ? extends Iterable<?>> fn) {
      super(counter);
      this.fn = fn;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      process(item, timestamp, false);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      process(item, timestamp, true);
    }

    private void process(Object item, long timestamp, boolean timed) {
      StageCounter c = counter;
      c.in++;
      long k = 0;
      long t0 = timed ? System.nanoTime() : 0L;
      try {
        Iterable<?> results = fn.apply(item);
        if (timed) {
          recordProcessing(t0);
        }
        if (results != null) {
          for (Object r : results) {
            if (r != null) {
              k++;
              c.out++;
              if (timed && k == 1) {
                next.onEventTimed(r, timestamp);
              } else {
                next.onEvent(r, timestamp);
              }
            }
          }
        }
      } catch (StageFailure f) {
        throw f;
      } catch (RuntimeException | Error e) {
        c.expanded += k; // outputs already emitted are extra to the error's own outcome
        handleError(item, timestamp, e);
        return;
      }
      if (k == 0) {
        c.filtered++;
      } else {
        c.expanded += k - 1;
      }
    }
  }

  /**
   * flatMap without an iterator: the function pushes results into a consumer. One body serves
   * both entry points (a constant flag, folded by the JIT): a timed event times the function up to
   * its first result (or to its end if it has none) and passes that result on timed.
   */
  static final class MapMultiLink extends Link implements Consumer<Object> {
    private final BiConsumer<Object, Consumer<Object>> fn;
    private long timestamp;
    private long emitted;
    /** Set while a timed event's function has not emitted yet: its start time, else -1. */
    private long timedStartNanos = -1;

    MapMultiLink(StageCounter counter, BiConsumer<Object, Consumer<Object>> fn) {
      super(counter);
      this.fn = fn;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      process(item, timestamp, false);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      process(item, timestamp, true);
    }

    private void process(Object item, long timestamp, boolean timed) {
      StageCounter c = counter;
      c.in++;
      this.timestamp = timestamp;
      long before = emitted;
      if (timed) {
        timedStartNanos = System.nanoTime();
      }
      try {
        fn.accept(item, this);
      } catch (StageFailure f) {
        throw f;
      } catch (RuntimeException | Error e) {
        timedStartNanos = -1;
        c.expanded += emitted - before;
        handleError(item, timestamp, e);
        return;
      }
      if (timed && timedStartNanos >= 0) {
        recordProcessing(timedStartNanos); // no result: the whole call was user code
        timedStartNanos = -1;
      }
      long k = emitted - before;
      if (k == 0) {
        c.filtered++;
      } else {
        c.expanded += k - 1;
      }
    }

    @Override
    public void accept(Object r) {
      if (r == null) {
        return;
      }
      emitted++;
      counter.out++;
      long t0 = timedStartNanos;
      if (t0 >= 0) {
        timedStartNanos = -1;
        recordProcessing(t0);
        next.onEventTimed(r, timestamp);
      } else {
        next.onEvent(r, timestamp);
      }
    }
  }
}
