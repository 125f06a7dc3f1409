package dev.sluice.connectors.kafka;

import dev.sluice.connectors.kafka.internal.KafkaSourceReader;
import dev.sluice.connectors.kafka.internal.OffsetsCodec;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads Kafka topics as one consumer group: each parallel reader is a member of {@link
 * KafkaSourceConfig#groupId()}, and Kafka assigns and rebalances the partitions among all members
 * (readers of this job and of other processes that use the same group), which is how several
 * engines scale out over one topic.
 *
 * <p>Each reader emits records with their event time (the record's timestamp unless a timestamp
 * function is given), keeps a bounded buffer and pauses its partitions when that is full. With
 * checkpoints its state is the next offset of every assigned partition; a restore seeks there,
 * and offsets are committed to Kafka when a checkpoint completes (for monitoring and for other
 * members taking over). Without checkpoints, offsets of handed-over records are committed every
 * {@link KafkaSourceConfig#commitInterval()} and on revocation and close (at-least-once for
 * what reached the engine; see docs/connectors-kafka.md).
 *
 * <p><b>Threading:</b> blocking: each reader runs on its own thread (the Kafka consumer is
 * single-threaded; a poll blocks at most {@link KafkaSourceConfig#pollTimeout()}).
 *
 * @param <T> event type
 */
public final class KafkaSource<T> implements CheckpointedSource<T> {
  private final KafkaSourceConfig config;
  private final RecordDecoder<T> decoder;
  private final ToLongFunction<? super T> timestampFn;

  private KafkaSource(
      KafkaSourceConfig config, RecordDecoder<T> decoder, ToLongFunction<? super T> timestampFn) {
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.timestampFn = timestampFn;
  }

  /** A source decoding records with {@code decoder}, timestamped by the records' timestamps. */
  public static <T> KafkaSource<T> of(KafkaSourceConfig config, RecordDecoder<T> decoder) {
    return new KafkaSource<>(config, decoder, null);
  }

  /** This source with event time taken from the decoded event instead of the record. */
  public KafkaSource<T> withTimestamps(ToLongFunction<? super T> timestampFn) {
    return new KafkaSource<>(config, decoder, Objects.requireNonNull(timestampFn));
  }

  /** The configuration. */
  public KafkaSourceConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "kafka:" + String.join(",", config.topics());
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public int maxParallelism() {
    return Integer.MAX_VALUE; // readers beyond the partition count get no partitions
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new KafkaSourceReader<>(config, decoder, timestampFn, instanceIndex, Map.of());
  }

  /**
   * Every reader receives every old reader's offsets: Kafka's group assignment decides which
   * partitions each takes over, and a reader seeks an assigned partition to its restored offset.
   */
  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (byte[] state : states) {
      if (state != null) {
        // offsets only grow within a run: where two old readers name one partition (one owned it
        // at the barrier, the other still held a never-assigned restored offset) take the larger
        OffsetsCodec.decode(state).forEach((tp, o) -> offsets.merge(tp, o, Math::max));
      }
    }
    return new KafkaSourceReader<>(config, decoder, timestampFn, instanceIndex, offsets);
  }
}
