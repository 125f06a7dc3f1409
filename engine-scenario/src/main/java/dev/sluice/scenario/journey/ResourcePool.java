package dev.sluice.scenario.journey;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A pool of prepared resources that virtual users take, one each, while a background worker keeps
 * it topped up with bounded concurrency — the pre-funded wallet pool of a streaming load test:
 * wallets are created and funded ahead of demand, a user takes a funded one, and if none is ready
 * the user waits (and the wait is reported as its own latency by {@link UserContext#take}).
 *
 * <p>The worker calls the producer whenever {@code ready + producing < capacity}, with at most
 * {@code refillConcurrency} productions outstanding. A taken resource is consumed (never returned).
 * A failed production is counted and retried after {@code retryDelay}. Takers are served first
 * come, first served.
 *
 * <p><b>Threading:</b> thread-safe. {@link #take()} never blocks: it returns a stage completed at
 * once if a resource is ready, else one completed when a resource is produced — on the thread that
 * completed the production (keep continuations short or move them to an executor). The producer
 * is called from {@link #start()}, from the thread completing a previous production, or from the
 * retry timer; it must not block. <b>Failure:</b> after {@link #close()}, pending and later takes
 * fail with {@link IllegalStateException}; productions still outstanding are discarded when they
 * complete.
 *
 * @param <R> the resource type
 */
public final class ResourcePool<R> implements AutoCloseable {
  private final String name;
  private final Supplier<? extends CompletionStage<? extends R>> producer;
  private final int capacity;
  private final int refillConcurrency;
  private final long maxProduced;
  private final Duration retryDelay;

  // guarded by this
  private final ArrayDeque<R> ready = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<R>> waiting = new ArrayDeque<>();
  private int producing;
  private long started;
  private long produced;
  private long failed;
  private long taken;
  private long tookAfterWaiting;
  private int maxWaiting;
  private boolean running;
  private boolean closed;

  private ResourcePool(Builder<R> b) {
    this.name = b.name;
    this.producer = b.producer;
    this.capacity = b.capacity;
    this.refillConcurrency = b.refillConcurrency;
    this.maxProduced = b.maxProduced;
    this.retryDelay = b.retryDelay;
  }

  /**
   * A builder for a pool named {@code name} whose worker makes resources with {@code producer}
   * (for example: create a wallet, fund it, complete with it).
   */
  public static <R> Builder<R> builder(
      String name, Supplier<? extends CompletionStage<? extends R>> producer) {
    return new Builder<>(name, producer);
  }

  /** The pool's name (reports key pool waits by it). */
  public String name() {
    return name;
  }

  /** Starts the background refill; idempotent. */
  public ResourcePool<R> start() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("pool '" + name + "' is closed");
      }
      running = true;
    }
    refill();
    return this;
  }

  /**
   * Takes a resource: at once if one is ready, else when the worker has made one.
   *
   * @return a stage completed with the resource, or failed with {@link IllegalStateException} if
   *     the pool is (or gets) closed
   */
  public CompletionStage<R> take() {
    CompletableFuture<R> f;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("pool '" + name + "' is closed"));
      }
      R r = ready.pollFirst();
      if (r != null) {
        taken++;
        f = CompletableFuture.completedFuture(r);
      } else {
        f = new CompletableFuture<>();
        waiting.addLast(f);
        maxWaiting = Math.max(maxWaiting, waiting.size());
      }
    }
    refill();
    return f;
  }

  private void refill() {
    while (true) {
      synchronized (this) {
        if (!running || closed || producing >= refillConcurrency
            || ready.size() + producing >= capacity + waiting.size()
            || started >= maxProduced) {
          return;
        }
        producing++;
        started++;
      }
      CompletionStage<? extends R> stage;
      try {
        stage = Objects.requireNonNull(producer.get(), "the producer returned null");
      } catch (RuntimeException e) {
        onProduced(null, e);
        continue;
      }
      stage.whenComplete(this::onProduced);
    }
  }

  private void onProduced(R resource, Throwable failure) {
    CompletableFuture<R> served = null;
    boolean retryLater = false;
    synchronized (this) {
      producing--;
      if (failure != null || resource == null) {
        failed++;
        started--; // a failed production does not count against maxProduced
        retryLater = !closed;
      } else if (!closed) {
        produced++;
        served = waiting.pollFirst();
        if (served == null) {
          ready.addLast(resource);
        } else {
          taken++;
          tookAfterWaiting++;
        }
      }
    }
    if (served != null) {
      served.complete(resource);
    }
    if (retryLater) {
      CompletableFuture.delayedExecutor(retryDelay.toNanos(), TimeUnit.NANOSECONDS)
          .execute(this::refill);
    } else {
      refill();
    }
  }

  /** Stops refilling and fails pending takes; ready resources are discarded. */
  @Override
  public void close() {
    List<CompletableFuture<R>> pending;
    synchronized (this) {
      closed = true;
      running = false;
      pending = new ArrayList<>(waiting);
      waiting.clear();
      ready.clear();
    }
    for (CompletableFuture<R> f : pending) {
      f.completeExceptionally(new IllegalStateException("pool '" + name + "' was closed"));
    }
  }

  /** A consistent snapshot of the pool's counters. */
  public synchronized Stats stats() {
    return new Stats(ready.size(), producing, waiting.size(), produced, failed, taken,
        tookAfterWaiting, maxWaiting);
  }

  /**
   * The pool's counters.
   *
   * @param ready resources ready now
   * @param producing productions outstanding now
   * @param waiting takers waiting now
   * @param produced resources made so far
   * @param failedProductions productions that failed (each retried)
   * @param taken resources taken
   * @param takenAfterWaiting takes that had to wait for a production
   * @param maxWaiting the most takers waiting at once
   */
  public record Stats(
      int ready, int producing, int waiting, long produced, long failedProductions, long taken,
      long takenAfterWaiting, int maxWaiting) {}

  /** Builds a {@link ResourcePool}; not thread-safe. */
  public static final class Builder<R> {
    private final String name;
    private final Supplier<? extends CompletionStage<? extends R>> producer;
    private int capacity = 100;
    private int refillConcurrency = 5;
    private long maxProduced = Long.MAX_VALUE;
    private Duration retryDelay = Duration.ofMillis(100);

    private Builder(String name, Supplier<? extends CompletionStage<? extends R>> producer) {
      this.name = Objects.requireNonNull(name, "name");
      this.producer = Objects.requireNonNull(producer, "producer");
    }

    /** Resources kept ready (default 100, as the seed's wallet pool). */
    public Builder<R> capacity(int n) {
      this.capacity = n;
      return this;
    }

    /** Productions outstanding at most (default 5, as the seed's funding workers). */
    public Builder<R> refillConcurrency(int n) {
      this.refillConcurrency = n;
      return this;
    }

    /** Resources made in all at most (default unlimited). */
    public Builder<R> maxProduced(long n) {
      this.maxProduced = n;
      return this;
    }

    /** The wait before a failed production is retried (default 100 ms). */
    public Builder<R> retryDelay(Duration d) {
      this.retryDelay = d;
      return this;
    }

    /**
     * The pool, not yet started.
     *
     * @throws IllegalArgumentException naming the invalid setting
     */
    public ResourcePool<R> build() {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
      }
      if (refillConcurrency < 1) {
        throw new IllegalArgumentException(
            "refillConcurrency must be >= 1, was " + refillConcurrency);
      }
      if (maxProduced < 0) {
        throw new IllegalArgumentException("maxProduced must be >= 0, was " + maxProduced);
      }
      if (retryDelay == null || retryDelay.isNegative()) {
        throw new IllegalArgumentException("retryDelay must not be negative, was " + retryDelay);
      }
      return new ResourcePool<>(this);
    }
  }
}
