package dev.sluice.bench.nexmark;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A user-written sink on the public {@link Sink} API that counts results and sums their digests,
 * so a Sluice run can be compared with the peers' ({@link ResultDigest}).
 *
 * <p><b>Threading:</b> writers keep plain local sums and publish them once per batch ({@code
 * flush}); {@link #digest()} is exact once the job has ended. <b>Allocation:</b> none per event.
 *
 * @param <T> result type
 */
public final class DigestSink<T> implements Sink<T> {
  private final String name;
  private final ToLongFunction<? super T> digestFn;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong checksum = new AtomicLong();

  /** A sink named {@code name} adding {@code digestFn} of every result. */
  public DigestSink(String name, ToLongFunction<? super T> digestFn) {
    this.name = name;
    this.digestFn = digestFn;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new SinkWriter<>() {
      private long localCount;
      private long localChecksum;

      @Override
      public boolean offer(T event, long timestamp) {
        localCount++;
        localChecksum += digestFn.applyAsLong(event);
        return true;
      }

      @Override
      public void flush() {
        if (localCount != 0) {
          count.addAndGet(localCount);
          checksum.addAndGet(localChecksum);
          localCount = 0;
          localChecksum = 0;
        }
      }

      @Override
      public void close(Throwable failure) {
        flush();
      }
    };
  }

  /** What the sink received since the last {@link #reset()}. */
  public ResultDigest digest() {
    return new ResultDigest(count.get(), checksum.get());
  }

  /** Starts a new digest; call between jobs. */
  public void reset() {
    count.set(0);
    checksum.set(0);
  }
}
