package dev.sluice.core.fault;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.ArrayList;
import java.util.List;

/** A sink that refuses every event (the pipeline waits) until {@link #open()} is called. */
final class GatedSink<T> implements Sink<T> {
  private final String name;
  private volatile boolean open;
  private final List<T> written = new ArrayList<>();

  GatedSink(String name) {
    this.name = name;
  }

  void open() {
    open = true;
  }

  List<T> written() {
    synchronized (written) {
      return List.copyOf(written);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return (event, timestamp) -> {
      if (!open) {
        return false;
      }
      synchronized (written) {
        written.add(event);
      }
      return true;
    };
  }
}
