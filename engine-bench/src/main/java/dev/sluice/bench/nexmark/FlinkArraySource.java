package dev.sluice.bench.nexmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded Flink source (the FLIP-27 {@link Source} API) over an array registered in {@link
 * InMemoryData}: subtask {@code i} of {@code p} gets one split, the stripe of elements {@code i,
 * i + p, …}, like {@link ParallelArraySource}. Only usable in the JVM that registered the array
 * (a local environment). Timestamps and watermarks come from the {@code WatermarkStrategy} given
 * to {@code fromSource}.
 *
 * @param <T> element type
 */
final class FlinkArraySource<T> implements Source<T, FlinkArraySource.Stripe, Void> {
  private static final long serialVersionUID = 1L;
  private final String arrayId;

  FlinkArraySource(String arrayId) {
    this.arrayId = arrayId;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<Stripe, Void> createEnumerator(SplitEnumeratorContext<Stripe> context) {
    return new Enumerator(context);
  }

  @Override
  public SplitEnumerator<Stripe, Void> restoreEnumerator(
      SplitEnumeratorContext<Stripe> context, Void checkpoint) {
    return new Enumerator(context);
  }

  @Override
  public SimpleVersionedSerializer<Stripe> getSplitSerializer() {
    return new StripeSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new NothingSerializer();
  }

  @Override
  public SourceReader<T, Stripe> createReader(SourceReaderContext context) {
    return new Reader<>(InMemoryData.array(arrayId));
  }

  /** Elements {@code next, next + stride, …} of the array. */
  static final class Stripe implements SourceSplit {
    final int first;
    final int stride;
    final int next;

    Stripe(int first, int stride, int next) {
      this.first = first;
      this.stride = stride;
      this.next = next;
    }

    @Override
    public String splitId() {
      return "stripe-" + first + "-of-" + stride;
    }
  }

  private static final class Enumerator implements SplitEnumerator<Stripe, Void> {
    private final SplitEnumeratorContext<Stripe> context;

    Enumerator(SplitEnumeratorContext<Stripe> context) {
      this.context = context;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<Stripe> splits, int subtaskId) {
      for (Stripe s : splits) {
        context.assignSplit(s, subtaskId);
      }
    }

    @Override
    public void addReader(int subtaskId) {
      int p = context.currentParallelism();
      context.assignSplit(new Stripe(subtaskId, p, subtaskId), subtaskId);
      context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {}
  }

  private static final class Reader<T> implements SourceReader<T, Stripe> {
    private final T[] items;
    private final CompletableFuture<Void> available = new CompletableFuture<>();
    private Stripe split;
    private int next;
    private boolean noMoreSplits;

    Reader(T[] items) {
      this.items = items;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      if (split == null) {
        return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      final T[] a = items;
      final int step = split.stride;
      int i = next;
      for (int n = 0; n < 1024 && i < a.length; n++) {
        output.collect(a[i]);
        i += step;
      }
      next = i;
      return i < a.length ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
    }

    @Override
    public List<Stripe> snapshotState(long checkpointId) {
      return split == null ? List.of() : List.of(new Stripe(split.first, split.stride, next));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<Stripe> splits) {
      if (split != null || splits.size() != 1) {
        throw new IllegalStateException("expected exactly one stripe, got " + splits);
      }
      split = splits.get(0);
      next = split.next;
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public void close() {}
  }

  private static final class StripeSerializer implements SimpleVersionedSerializer<Stripe> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Stripe s) {
      return ByteBuffer.allocate(12).putInt(s.first).putInt(s.stride).putInt(s.next).array();
    }

    @Override
    public Stripe deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1 || bytes.length != 12) {
        throw new IOException("not a stripe: version " + version + ", " + bytes.length + " bytes");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Stripe(b.getInt(), b.getInt(), b.getInt());
    }
  }

  private static final class NothingSerializer implements SimpleVersionedSerializer<Void> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Void nothing) {
      return new byte[0];
    }

    @Override
    public Void deserialize(int version, byte[] bytes) {
      return null;
    }
  }
}
