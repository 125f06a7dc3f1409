package dev.sluice.bench.nexmark;

import java.io.Serializable;
import java.util.function.ToLongFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink (the sink2 API) that counts results and sums their digests into a digest of
 * {@link InMemoryData}, published when the writer flushes at end of input or closes. Only usable
 * in the JVM that opened the digest (a local environment).
 *
 * @param <T> result type
 */
final class FlinkDigestSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** A serializable digest function. */
  interface DigestFn<T> extends ToLongFunction<T>, Serializable {}

  private final String digestId;
  private final DigestFn<T> digest;

  FlinkDigestSink(String digestId, DigestFn<T> digest) {
    this.digestId = digestId;
    this.digest = digest;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      private long count;
      private long checksum;

      @Override
      public void write(T element, Context context) {
        count++;
        checksum += digest.applyAsLong(element);
      }

      @Override
      public void flush(boolean endOfInput) {
        if (endOfInput) {
          publish();
        }
      }

      @Override
      public void close() {
        publish();
      }

      private void publish() {
        if (count != 0) {
          InMemoryData.addToDigest(digestId, count, checksum);
          count = 0;
          checksum = 0;
        }
      }
    };
  }
}
