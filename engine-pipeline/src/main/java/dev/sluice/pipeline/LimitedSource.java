package dev.sluice.pipeline;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;

/**
 * A source that ends after a number of events: the {@code maxRecords} setting of the connector
 * sources (Redis, NATS, MQTT, Kafka), which otherwise never end. Each parallel instance stops
 * after its share of the limit ({@code limit / parallelism}, the first {@code limit %
 * parallelism} instances one more), so the whole source emits exactly {@code limit} events when
 * enough arrive. Events the wrapped reader fetched but this one did not emit stay with the
 * broker (they were not handed to the engine).
 *
 * <p>Threading and failures are those of the wrapped source; the wrapper only caps {@code
 * maxEvents} and returns {@link SourceReader#END} once its share is emitted.
 *
 * @param <T> event type
 */
public final class LimitedSource<T> implements Source<T> {
  private final Source<T> source;
  private final long limit;

  private LimitedSource(Source<T> source, long limit) {
    this.source = source;
    this.limit = limit;
  }

  /** {@code source} itself if {@code limit} is 0 (no limit), else a source ending after it. */
  public static <T> Source<T> of(Source<T> source, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0 ? source : new LimitedSource<>(source, limit);
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public boolean isBlocking() {
    return source.isBlocking();
  }

  @Override
  public int maxParallelism() {
    return source.maxParallelism();
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception {
    long share = limit / parallelism + (instanceIndex < limit % parallelism ? 1 : 0);
    SourceReader<T> reader = source.createReader(instanceIndex, parallelism);
    return new SourceReader<>() {
      private long left = share;

      @Override
      public int read(SourceOutput<T> output, int maxEvents) throws Exception {
        if (left <= 0) {
          return END;
        }
        int n = reader.read(output, (int) Math.min(maxEvents, left));
        if (n == END) {
          return END;
        }
        left -= n;
        return n;
      }

      @Override
      public void close() throws Exception {
        reader.close();
      }
    };
  }
}
