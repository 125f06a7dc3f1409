package dev.sluice.core.checkpoint;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of an exactly-once sink: its writers are {@link TwoPhaseCommitWriter}s whose
 * "durable storage" is this object (it outlives the job's attempts, as a file system would).
 * Prepared transactions are kept by id; committing moves their events to {@link #committed()}
 * once, however often it is asked. It also counts how often each hook was called.
 */
final class CommittingSink<T> implements Sink<T> {
  private final String name;
  private final AtomicLong transactions = new AtomicLong();
  /** Prepared transactions by id (survive a writer's death, like files). */
  private final Map<Long, List<T>> prepared = new HashMap<>();
  private final Set<Long> committedIds = new HashSet<>();
  private final List<T> committed = new ArrayList<>();
  final AtomicLong recoverCalls = new AtomicLong();
  final AtomicLong prepareCalls = new AtomicLong();
  final AtomicLong aborted = new AtomicLong();

  CommittingSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Everything committed so far. */
  synchronized List<T> committed() {
    return new ArrayList<>(committed);
  }

  private synchronized void commit(long txn) {
    List<T> events = prepared.remove(txn);
    if (events != null && committedIds.add(txn)) {
      committed.addAll(events);
    }
  }

  private synchronized void prepare(long txn, List<T> events) {
    prepared.put(txn, events);
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new Writer();
  }

  private final class Writer implements TwoPhaseCommitWriter<T> {
    private List<T> open = new ArrayList<>();
    /** Transactions prepared by this writer, by checkpoint id. */
    private final TreeMap<Long, Long> mine = new TreeMap<>();

    @Override
    public boolean offer(T event, long timestamp) {
      open.add(event);
      return true;
    }

    @Override
    public byte[] prepareCommit(long checkpointId) {
      prepareCalls.incrementAndGet();
      long txn = transactions.incrementAndGet();
      prepare(txn, open);
      open = new ArrayList<>();
      mine.put(checkpointId, txn);
      return ByteBuffer.allocate(8).putLong(txn).array();
    }

    @Override
    public void checkpointComplete(long checkpointId) {
      while (!mine.isEmpty() && mine.firstKey() <= checkpointId) {
        commit(mine.pollFirstEntry().getValue());
      }
    }

    @Override
    public void recover(List<byte[]> committables) {
      recoverCalls.incrementAndGet();
      for (byte[] c : committables) {
        commit(ByteBuffer.wrap(c).getLong());
      }
    }

    @Override
    public void close(Throwable failure) {
      if (!open.isEmpty()) {
        aborted.addAndGet(open.size());
      }
    }
  }
}
