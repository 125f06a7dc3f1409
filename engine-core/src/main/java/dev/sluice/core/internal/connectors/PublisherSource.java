package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import org.jctools.queues.SpscArrayQueue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a Reactive Streams publisher: requests {@code prefetch} events up front and more as the
 * pipeline consumes half of them, so the buffer never overflows.
 */
public final class PublisherSource<T> implements Source<T> {
  private final String name;
  private final Publisher<? extends T> publisher;
  private final int prefetch;

  public PublisherSource(String name, Publisher<? extends T> publisher, int prefetch) {
    this.name = name;
    this.publisher = publisher;
    this.prefetch = prefetch;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    Reader<T> r = new Reader<>(prefetch);
    publisher.subscribe(r);
    return r;
  }

  private static final class Reader<T> implements Subscriber<T>, SourceReader<T> {
    private final SpscArrayQueue<T> buffer;
    private final int prefetch;
    private final int replenishAt;
    private volatile Subscription subscription;
    private volatile boolean done;
    private volatile Throwable error;
    private volatile boolean cancelled;
    private int consumed;
    private boolean overflowed;

    Reader(int prefetch) {
      this.prefetch = prefetch;
      this.buffer = new SpscArrayQueue<>(prefetch);
      this.replenishAt = Math.max(1, prefetch / 2);
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (subscription != null || cancelled) {
        s.cancel();
        return;
      }
      subscription = s;
      s.request(prefetch);
    }

    @Override
    public void onNext(T t) {
      if (t == null) {
        error = new NullPointerException("publisher emitted null (Reactive Streams rule 2.13)");
        done = true;
        return;
      }
      if (!buffer.offer(t)) {
        overflowed = true;
        error = new IllegalStateException("publisher emitted more than it was asked for (rule 1.1)");
        done = true;
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done = true;
    }

    @Override
    public void onComplete() {
      done = true;
    }

    @Override
    public int read(SourceOutput<T> out, int max) throws Exception {
      int n = 0;
      boolean finished = done; // read before draining so nothing sent before completion is missed
      T t;
      while (n < max && (t = buffer.relaxedPoll()) != null) {
        out.emit(t);
        n++;
      }
      if (n > 0 && !overflowed) {
        consumed += n;
        if (consumed >= replenishAt) {
          Subscription s = subscription;
          if (s != null) {
            s.request(consumed);
          }
          consumed = 0;
        }
        return n;
      }
      if (finished && buffer.isEmpty()) {
        Throwable e = error;
        if (e instanceof Exception ex) {
          throw ex;
        } else if (e != null) {
          throw new RuntimeException(e);
        }
        return END;
      }
      return 0;
    }

    @Override
    public void close() {
      cancelled = true;
      Subscription s = subscription;
      if (s != null && !done) {
        s.cancel();
      }
    }
  }
}
