package dev.sluice.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;

/**
 * A sink that is also a Reactive Streams {@link Publisher} for one subscriber. Events are passed
 * to the subscriber only against its demand ({@link Subscription#request}); while there is no
 * demand, or no subscriber yet, the pipeline is held back (backpressure reaches the sources).
 * The job's completion completes the subscriber; a job failure reaches it as {@code onError}
 * (also for a subscriber that arrives after the job ended). When the subscriber cancels, the job
 * is cancelled: nothing downstream of the sink is waiting for its events any more.
 *
 * <p><b>Threading:</b> the sink has parallelism 1; all signals to the subscriber come from the
 * sink's thread, serially. {@code request} and {@code cancel} may be called from any thread.
 *
 * @param <T> event type
 */
public final class PublisherSink<T> implements Sink<T>, Publisher<T> {
  private final String name;
  private final java.util.concurrent.atomic.AtomicBoolean subscribed =
      new java.util.concurrent.atomic.AtomicBoolean();
  /** The subscriber, set only after its onSubscribe returned; cleared on cancel or terminal. */
  private volatile Subscriber<? super T> active;
  private final AtomicLong requested = new AtomicLong();
  private final AtomicReference<Throwable> pendingError = new AtomicReference<>();
  private volatile boolean cancelled;
  private volatile boolean completed;
  private volatile Throwable terminalError;
  private final java.util.concurrent.atomic.AtomicBoolean terminated =
      new java.util.concurrent.atomic.AtomicBoolean();

  PublisherSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxParallelism() {
    return 1;
  }

  /** A Reactor view of this publisher. */
  public Flux<T> flux() {
    return Flux.from(this);
  }

  @Override
  public void subscribe(Subscriber<? super T> s) {
    java.util.Objects.requireNonNull(s, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      s.onSubscribe(
          new Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      s.onError(new IllegalStateException("sink '" + name + "' accepts only one subscriber"));
      return;
    }
    s.onSubscribe(
        new Subscription() {
          @Override
          public void request(long n) {
            if (n <= 0) {
              pendingError.compareAndSet(
                  null,
                  new IllegalArgumentException(
                      "request must be positive (Reactive Streams rule 3.9), was " + n));
              return;
            }
            long r;
            long u;
            do {
              r = requested.get();
              if (r == Long.MAX_VALUE) {
                return;
              }
              u = r + n;
              if (u < 0) {
                u = Long.MAX_VALUE;
              }
            } while (!requested.compareAndSet(r, u));
          }

          @Override
          public void cancel() {
            cancelled = true;
            active = null; // rule 3.13: drop the reference
          }
        });
    if (!cancelled) {
      active = s;
    }
    if (completed) {
      terminate(null);
    } else if (terminalError != null) {
      terminate(terminalError);
    }
  }

  private void terminate(Throwable error) {
    Subscriber<? super T> s = active;
    if (s == null || cancelled || !terminated.compareAndSet(false, true)) {
      return;
    }
    active = null;
    if (error == null) {
      s.onComplete();
    } else {
      s.onError(error);
    }
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new SinkWriter<>() {
      @Override
      public boolean offer(T event, long timestamp) {
        if (cancelled) {
          throw new CancellationException("subscriber of sink '" + name + "' cancelled");
        }
        if (terminated.get()) {
          return true;
        }
        Throwable err = pendingError.get();
        if (err != null) {
          terminate(err);
          return true;
        }
        Subscriber<? super T> s = active;
        if (s == null) {
          return false;
        }
        long r = requested.get();
        if (r == 0) {
          return false;
        }
        if (r != Long.MAX_VALUE) {
          requested.decrementAndGet();
        }
        s.onNext(event);
        return true;
      }

      @Override
      public void complete() {
        completed = true;
        terminate(pendingError.get());
      }

      @Override
      public void close(Throwable failure) {
        if (failure != null && !(failure instanceof CancellationException)) {
          terminalError = failure;
          terminate(failure);
        }
      }
    };
  }
}
