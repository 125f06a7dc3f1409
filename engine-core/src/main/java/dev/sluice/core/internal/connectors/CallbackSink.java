package dev.sluice.core.internal.connectors;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.function.Consumer;

/** Calls a consumer per event. */
public final class CallbackSink<T> implements Sink<T> {
  private final String name;
  private final Consumer<? super T> callback;
  private final boolean blocking;

  public CallbackSink(String name, Consumer<? super T> callback, boolean blocking) {
    this.name = name;
    this.callback = callback;
    this.blocking = blocking;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBlocking() {
    return blocking;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return (event, timestamp) -> {
      callback.accept(event);
      return true;
    };
  }
}
