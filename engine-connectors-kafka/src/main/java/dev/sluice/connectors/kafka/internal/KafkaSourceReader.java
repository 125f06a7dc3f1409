package dev.sluice.connectors.kafka.internal;

import dev.sluice.connectors.kafka.KafkaConnectorException;
import dev.sluice.connectors.kafka.KafkaSourceConfig;
import dev.sluice.connectors.kafka.RecordDecoder;
import dev.sluice.connectors.kafka.StartPosition;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointListener;
import dev.sluice.core.checkpoint.CheckpointedReader;
import dev.sluice.core.metrics.SourceLag;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One member of the source's consumer group. Emits records with their timestamps and, at the end
 * of each read, its watermark when it advanced (the minimum over active partitions, see {@link
 * #currentWatermark()}) or idleness when every partition is idle. Runs on its own thread (blocking source); every
 * method, including the rebalance callbacks (which run inside {@code poll}), runs on it. Public
 * accessors for metrics ({@link #lag()}, {@link #bufferedRecords()}) may be read from any thread.
 */
public final class KafkaSourceReader<T>
    implements SourceReader<T>, CheckpointedReader, CheckpointListener, SourceLag {
  private final KafkaSourceConfig config;
  private final RecordDecoder<T> decoder;
  private final ToLongFunction<? super T> timestampFn;
  private final int instanceIndex;
  /** Offsets of a restored checkpoint not yet applied to an assignment of this reader. */
  private final Map<TopicPartition, Long> restored;
  private final int capacity;
  private final int maxPollRecords;
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final TreeMap<Long, Map<TopicPartition, Long>> pendingCommits = new TreeMap<>();
  private final long idleTimeoutNanos;
  private KafkaConsumer<byte[], byte[]> consumer;
  private SourceOutput<T> output;
  private boolean paused;
  private boolean checkpointing;
  private long lastCommitNanos = System.nanoTime();
  private long lastWatermark = Long.MIN_VALUE;
  private boolean idle;
  private boolean idleDeclared;
  /** The state of the partition of the last record emitted (records come in runs per partition). */
  private PartitionState lastState;
  private String lastTopic;
  private int lastPartition = -1;
  private long emittedWatermark = Long.MIN_VALUE;
  private volatile long lag;
  private volatile int buffered;
  private volatile int maxBuffered;
  private volatile long pauses;
  private volatile long commitFailures;

  /** Per assigned partition: next offset to emit, event-time progress, last activity. */
  private static final class PartitionState {
    long nextOffset = -1;
    long maxTimestamp = Long.MIN_VALUE;
    long lastRecordNanos = System.nanoTime();
  }

  public KafkaSourceReader(
      KafkaSourceConfig config,
      RecordDecoder<T> decoder,
      ToLongFunction<? super T> timestampFn,
      int instanceIndex,
      Map<TopicPartition, Long> restored) {
    this.config = config;
    this.decoder = decoder;
    this.timestampFn = timestampFn;
    this.instanceIndex = instanceIndex;
    this.restored = new HashMap<>(restored);
    this.capacity = config.maxBufferedRecords();
    this.maxPollRecords = Math.min(500, capacity);
    this.idleTimeoutNanos = config.idleTimeout().toNanos();
  }

  private void start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        config.startPosition().kind() == StartPosition.Kind.LATEST ? "latest" : "earliest");
    p.putAll(config.properties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG,
        "sluice-" + config.groupId() + "-" + instanceIndex + "-" + System.nanoTime());
    KafkaConsumer<byte[], byte[]> c;
    try {
      c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      throw new KafkaConnectorException(
          "Kafka source: bad consumer configuration for " + config.bootstrapServers() + ": "
              + e.getMessage(), e);
    }
    try {
      for (String topic : config.topics()) {
        List<PartitionInfo> info;
        try {
          info = c.partitionsFor(topic, config.connectTimeout());
        } catch (TimeoutException e) {
          throw new KafkaConnectorException(
              "Kafka source: no answer from bootstrap servers " + config.bootstrapServers()
                  + " within " + config.connectTimeout().toMillis() + " ms (reading topic '"
                  + topic + "')", e);
        } catch (KafkaException e) {
          throw new KafkaConnectorException(
              "Kafka source: cannot read metadata of topic '" + topic + "' at "
                  + config.bootstrapServers() + ": " + e, e);
        }
        if (info == null || info.isEmpty()) {
          throw new KafkaConnectorException(
              "Kafka source: topic '" + topic + "' does not exist at "
                  + config.bootstrapServers());
        }
      }
      c.subscribe(config.topics(), new Rebalance());
    } catch (RuntimeException e) {
      c.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
    consumer = c;
  }

  @Override
  public int read(SourceOutput<T> output, int maxEvents) throws Exception {
    if (consumer == null) {
      start();
    }
    this.output = output;
    int n = drain(output, maxEvents);
    if (n == maxEvents && buffer.size() >= maxEvents) {
      // the buffer alone fills the next call too: no poll now (polls cost a network round)
      updateWatermark(System.nanoTime());
      emitProgress(output);
      return n;
    }
    if (buffer.size() + maxPollRecords <= capacity) {
      if (paused) {
        consumer.resume(consumer.paused());
        paused = false;
      }
      ConsumerRecords<byte[], byte[]> records =
          consumer.poll(n > 0 ? Duration.ZERO : config.pollTimeout());
      for (ConsumerRecord<byte[], byte[]> r : records) {
        buffer.add(r);
      }
    } else {
      if (!paused) {
        consumer.pause(consumer.assignment());
        paused = true;
        pauses++;
      }
      consumer.poll(Duration.ZERO); // stays in the group; paused partitions return nothing
    }
    int size = buffer.size();
    buffered = size;
    if (size > maxBuffered) {
      maxBuffered = size;
    }
    n += drain(output, maxEvents - n);
    long now = System.nanoTime();
    updateWatermark(now);
    emitProgress(output);
    if (!checkpointing && now - lastCommitNanos >= config.commitInterval().toNanos()) {
      lastCommitNanos = now;
      commitEmitted(false);
    }
    updateLag();
    return n;
  }

  /** Emits the watermark if it advanced, or idleness once when every partition is idle. */
  private void emitProgress(SourceOutput<T> output) {
    if (lastWatermark > emittedWatermark) {
      // before an idle marker too: the watermark reached while the last partitions were active
      emittedWatermark = lastWatermark;
      output.emitWatermark(lastWatermark);
    }
    if (idle) {
      if (!idleDeclared) {
        idleDeclared = true;
        output.markIdle();
      }
    } else {
      idleDeclared = false;
    }
  }

  private int drain(SourceOutput<T> out, int max) throws Exception {
    int n = 0;
    while (n < max && !buffer.isEmpty()) {
      emit(out, buffer.poll());
      n++;
    }
    buffered = buffer.size();
    return n;
  }

  private void emit(SourceOutput<T> out, ConsumerRecord<byte[], byte[]> r) throws Exception {
    T event;
    long ts;
    try {
      event = decoder.decode(r);
      if (event == null) {
        throw new NullPointerException("the decoder returned null");
      }
      ts = timestampFn == null ? r.timestamp() : timestampFn.applyAsLong(event);
    } catch (Exception | Error e) {
      throw new KafkaConnectorException(
          "Kafka source: cannot decode record " + r.topic() + "-" + r.partition() + "@"
              + r.offset() + ": " + e, e);
    }
    out.emit(event, ts);
    PartitionState s = lastState;
    if (s == null || r.partition() != lastPartition || !r.topic().equals(lastTopic)) {
      s = partitions.get(new TopicPartition(r.topic(), r.partition()));
      lastState = s;
      lastTopic = r.topic();
      lastPartition = r.partition();
    }
    if (s != null) {
      s.nextOffset = r.offset() + 1;
      if (ts > s.maxTimestamp) {
        s.maxTimestamp = ts;
      }
      s.lastRecordNanos = System.nanoTime();
    }
  }

  private void updateWatermark(long nowNanos) {
    long min = Long.MAX_VALUE;
    boolean anyActive = false;
    for (PartitionState s : partitions.values()) {
      boolean partitionIdle =
          idleTimeoutNanos > 0 && nowNanos - s.lastRecordNanos >= idleTimeoutNanos;
      if (partitionIdle) {
        continue;
      }
      anyActive = true;
      long wm = s.maxTimestamp == Long.MIN_VALUE
          ? Long.MIN_VALUE
          : s.maxTimestamp - config.maxOutOfOrdernessMillis() - 1;
      min = Math.min(min, wm);
    }
    idle = !anyActive;
    if (anyActive) {
      if (min > lastWatermark) {
        lastWatermark = min;
      }
      return;
    }
    // every partition went idle since the last call (a starved thread may not have been called
    // while only some were): take the watermark a reader called continuously would have reached
    // last, that of the partition whose record came last
    PartitionState latest = null;
    for (PartitionState s : partitions.values()) {
      if (s.maxTimestamp != Long.MIN_VALUE
          && (latest == null || s.lastRecordNanos > latest.lastRecordNanos)) {
        latest = s;
      }
    }
    if (latest != null) {
      long wm = latest.maxTimestamp - config.maxOutOfOrdernessMillis() - 1;
      if (wm > lastWatermark) {
        lastWatermark = wm;
      }
    }
  }

  private void updateLag() {
    long total = buffer.size();
    for (TopicPartition tp : partitions.keySet()) {
      OptionalLong l = consumer.currentLag(tp);
      if (l.isPresent()) {
        total += l.getAsLong();
      }
    }
    lag = total;
  }

  /** Offsets of the records handed over, for the partitions this reader owns. */
  private Map<TopicPartition, Long> emittedOffsets() {
    Map<TopicPartition, Long> m = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
      if (e.getValue().nextOffset >= 0) {
        m.put(e.getKey(), e.getValue().nextOffset);
      }
    }
    return m;
  }

  private void commitEmitted(boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    emittedOffsets().forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
    commit(commit, sync);
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> commit, boolean sync) {
    if (commit.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        consumer.commitSync(commit, config.connectTimeout());
      } catch (KafkaException e) {
        commitFailures++; // the next owner re-reads from the previous commit: at-least-once
      }
    } else {
      consumer.commitAsync(commit, (offsets, e) -> {
        if (e != null) {
          commitFailures++;
        }
      });
    }
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    checkpointing = true;
    Map<TopicPartition, Long> offsets = new HashMap<>(restored);
    offsets.putAll(emittedOffsets());
    pendingCommits.put(checkpointId, emittedOffsets());
    return OffsetsCodec.encode(offsets);
  }

  @Override
  public void checkpointComplete(long checkpointId) {
    Map<TopicPartition, Long> offsets = null;
    Iterator<Map.Entry<Long, Map<TopicPartition, Long>>> it =
        pendingCommits.headMap(checkpointId, true).entrySet().iterator();
    while (it.hasNext()) {
      offsets = it.next().getValue();
      it.remove();
    }
    if (offsets == null || consumer == null) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
      if (partitions.containsKey(e.getKey())) {
        commit.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
      }
    }
    commit(commit, false);
  }

  @Override
  public void checkpointAborted(long checkpointId) {
    pendingCommits.remove(checkpointId);
  }

  @Override
  public void close() {
    if (consumer == null) {
      return;
    }
    try {
      if (!checkpointing) {
        commitEmitted(true);
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      consumer = null;
    }
  }

  /**
   * Records behind the end offsets of the assigned partitions (buffered ones included); summed
   * by the runtime into the stage's {@code sourceLag}. Any thread; a volatile read.
   */
  @Override
  public long lag() {
    return lag;
  }

  /** Records currently held in the bounded buffer. */
  public int bufferedRecords() {
    return buffered;
  }

  /** The most records the buffer ever held; never above the configured maximum. */
  public int maxBufferedRecords() {
    return maxBuffered;
  }

  /** How often the reader paused its partitions because its buffer was full. */
  public long pauses() {
    return pauses;
  }

  /** Offset commits that failed (counted; the next commit or the checkpoint covers them). */
  public long commitFailures() {
    return commitFailures;
  }

  /**
   * The reader's watermark: the minimum over its active partitions of (highest timestamp handed
   * over - maxOutOfOrderness - 1); a partition without records for the idle timeout does not hold
   * it back. {@code Long.MIN_VALUE} until every active partition has had a record.
   */
  public long currentWatermark() {
    return lastWatermark;
  }

  /** True when every assigned partition is idle (or none is assigned). */
  public boolean isIdle() {
    return idle;
  }

  /** The partitions assigned to this reader now. */
  public List<TopicPartition> assignedPartitions() {
    return new ArrayList<>(partitions.keySet());
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      // Hand over what was fetched for them, then (without checkpoints) commit so that the
      // next owner continues after it. With checkpoints the last completed checkpoint's commit
      // stands: the next owner replays from there (at-least-once across the rebalance).
      if (output != null) {
        Iterator<ConsumerRecord<byte[], byte[]>> it = buffer.iterator();
        List<ConsumerRecord<byte[], byte[]>> handOver = new ArrayList<>();
        while (it.hasNext()) {
          ConsumerRecord<byte[], byte[]> r = it.next();
          if (revoked.contains(new TopicPartition(r.topic(), r.partition()))) {
            handOver.add(r);
            it.remove();
          }
        }
        try {
          for (ConsumerRecord<byte[], byte[]> r : handOver) {
            emit(output, r);
          }
        } catch (Exception e) {
          throw e instanceof RuntimeException re ? re : new KafkaConnectorException(e.toString(), e);
        }
      }
      if (!checkpointing) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : revoked) {
          PartitionState s = partitions.get(tp);
          if (s != null && s.nextOffset >= 0) {
            commit.put(tp, new OffsetAndMetadata(s.nextOffset));
          }
        }
        commit(commit, true);
      }
      partitions.keySet().removeAll(revoked);
      lastState = null;
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      buffer.removeIf(r -> lost.contains(new TopicPartition(r.topic(), r.partition())));
      partitions.keySet().removeAll(lost);
      lastState = null;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      List<TopicPartition> byTime = new ArrayList<>();
      lastState = null;
      for (TopicPartition tp : assigned) {
        partitions.put(tp, new PartitionState());
        Long offset = restored.remove(tp);
        if (offset != null) {
          consumer.seek(tp, offset);
        } else if (config.startPosition().kind() == StartPosition.Kind.TIMESTAMP) {
          byTime.add(tp);
        }
      }
      if (!byTime.isEmpty()) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(new java.util.HashSet<>(byTime), config.connectTimeout());
        Map<TopicPartition, Long> search = new HashMap<>();
        for (TopicPartition tp : byTime) {
          if (committed.get(tp) == null) {
            search.put(tp, config.startPosition().timestampMillis());
          }
        }
        if (!search.isEmpty()) {
          Map<TopicPartition, OffsetAndTimestamp> found =
              consumer.offsetsForTimes(search, config.connectTimeout());
          List<TopicPartition> toEnd = new ArrayList<>();
          for (TopicPartition tp : search.keySet()) {
            OffsetAndTimestamp o = found.get(tp);
            if (o == null) {
              toEnd.add(tp);
            } else {
              consumer.seek(tp, o.offset());
            }
          }
          if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
          }
        }
      }
      if (paused) {
        consumer.pause(assigned);
      }
    }
  }
}
