package dev.sluice.core.checkpoint;

import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replayable test source of the longs {@code 0..count-1} (instance {@code i} of {@code p} reads
 * a contiguous slice) that stops before index {@code pauseAt} until {@link #open} is set: a job
 * reading it can be checkpointed at a point where it cannot finish.
 */
final class GatedSequenceSource implements CheckpointedSource<Long> {
  private final long count;
  private final long pauseAt;
  final AtomicBoolean open;
  /** Readers that reached the gate while it was closed. */
  final AtomicInteger paused = new AtomicInteger();

  GatedSequenceSource(long count, long pauseAt, boolean open) {
    this.count = count;
    this.pauseAt = pauseAt;
    this.open = new AtomicBoolean(open);
  }

  @Override
  public String name() {
    return "numbers";
  }

  @Override
  public int maxParallelism() {
    return 64;
  }

  @Override
  public SourceReader<Long> createReader(int instanceIndex, int parallelism) {
    long from = count * instanceIndex / parallelism;
    long to = count * (instanceIndex + 1) / parallelism;
    return new Reader(new ArrayList<>(List.of(new long[] {from, to})));
  }

  @Override
  public SourceReader<Long> restoreReader(int instanceIndex, int parallelism, List<byte[]> states) {
    List<long[]> ranges = new ArrayList<>();
    for (int j = 0; j < states.size(); j++) {
      if (j % parallelism == instanceIndex) {
        ByteBuffer b = ByteBuffer.wrap(states.get(j));
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
          ranges.add(new long[] {b.getLong(), b.getLong()});
        }
      }
    }
    return new Reader(ranges);
  }

  private final class Reader implements SourceReader<Long>, CheckpointedReader {
    private final List<long[]> ranges;
    private boolean countedPause;

    Reader(List<long[]> ranges) {
      this.ranges = ranges;
    }

    @Override
    public int read(SourceOutput<Long> out, int max) {
      int n = 0;
      while (n < max) {
        if (ranges.isEmpty()) {
          return n == 0 ? END : n;
        }
        long[] r = ranges.get(0);
        if (r[0] >= r[1]) {
          ranges.remove(0);
          continue;
        }
        if (r[0] >= pauseAt && !open.get()) {
          if (!countedPause) {
            countedPause = true;
            paused.incrementAndGet();
          }
          return n;
        }
        out.emit(r[0]++);
        n++;
      }
      return n;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
      ByteBuffer b = ByteBuffer.allocate(4 + 16 * ranges.size());
      b.putInt(ranges.size());
      for (long[] r : ranges) {
        b.putLong(r[0]).putLong(r[1]);
      }
      return b.array();
    }
  }
}
