package dev.sluice.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects events in memory, for tests and small jobs. Each parallel instance appends to its
 * own list; {@link #items()} concatenates them (order is preserved within an instance).
 *
 * <p><b>Threading:</b> {@link #items()} may be called from any thread; it is exact once the job
 * has ended.
 *
 * @param <T> event type
 */
public final class CollectSink<T> implements Sink<T> {
  private final String name;
  private final List<List<T>> perInstance = new ArrayList<>();

  CollectSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    List<T> mine = new ArrayList<>();
    synchronized (perInstance) {
      perInstance.add(mine);
    }
    return (event, timestamp) -> {
      synchronized (mine) {
        mine.add(event);
      }
      return true;
    };
  }

  /** A copy of everything collected so far, across all jobs that used this sink. */
  public List<T> items() {
    List<T> all = new ArrayList<>();
    synchronized (perInstance) {
      for (List<T> l : perInstance) {
        synchronized (l) {
          all.addAll(l);
        }
      }
    }
    return all;
  }

  /** Forgets what was collected. */
  public void clear() {
    synchronized (perInstance) {
      perInstance.clear();
    }
  }
}
