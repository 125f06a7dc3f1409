package dev.sluice.connectors.kafka.internal;

import dev.sluice.connectors.kafka.KafkaConnectorException;
import dev.sluice.connectors.kafka.KafkaSinkConfig;
import dev.sluice.core.checkpoint.TwoPhaseCommitWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Exactly-once writer: one Kafka transaction per checkpoint interval, transactional id {@code
 * prefix-instance-n} where n is the id of the checkpoint that opened it (0 for the first).
 *
 * <p>On a barrier the transaction is flushed and kept open with no further writes (prepared);
 * its producer waits in a JVM-wide table until the checkpoint completes and the transaction is
 * committed. {@link #recover} after a restart in the same JVM commits the prepared transactions
 * named by the restored checkpoint from that table. Re-using the id {@code prefix-instance-(n+1)}
 * for the first transaction after restoring checkpoint n fences (aborts) what a crashed run had
 * open under that id, and the id after it is initialised once to abort that one too.
 */
public final class TransactionalKafkaWriter<T> implements TwoPhaseCommitWriter<T> {
  /** Prepared transactions by transactional id, surviving a job restart within this JVM. */
  private static final Map<String, KafkaProducer<byte[], byte[]>> PREPARED =
      new ConcurrentHashMap<>();

  private final KafkaSinkConfig config;
  private final Function<? super T, byte[]> keyFn;
  private final Function<? super T, byte[]> valueFn;
  private final int instanceIndex;
  private final TreeMap<Long, String> prepared = new TreeMap<>();
  private Producers.FirstFailure callback = new Producers.FirstFailure();
  private KafkaProducer<byte[], byte[]> producer;
  private String transactionalId;
  private long sequence;
  private volatile long unrecoverable;

  public TransactionalKafkaWriter(
      KafkaSinkConfig config,
      Function<? super T, byte[]> keyFn,
      Function<? super T, byte[]> valueFn,
      int instanceIndex) {
    this.config = config;
    this.keyFn = keyFn;
    this.valueFn = valueFn;
    this.instanceIndex = instanceIndex;
  }

  private String idFor(long n) {
    return config.transactionalIdPrefix() + "-" + instanceIndex + "-" + n;
  }

  private void open() {
    transactionalId = idFor(sequence);
    callback = new Producers.FirstFailure();
    producer = Producers.create(config, transactionalId);
    producer.initTransactions(); // fences and aborts an earlier producer with this id
    producer.beginTransaction();
  }

  @Override
  public boolean offer(T event, long timestamp) {
    if (producer == null) {
      open();
    }
    callback.check(config.topic());
    producer.send(
        new ProducerRecord<>(
            config.topic(), null, timestamp < 0 ? null : timestamp, keyFn.apply(event),
            valueFn.apply(event)),
        callback);
    return true;
  }

  @Override
  public void flush() {
    callback.check(config.topic());
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    if (producer == null) {
      open(); // an empty transaction keeps the id sequence aligned with the checkpoints
    }
    producer.flush();
    callback.check(config.topic());
    PREPARED.put(transactionalId, producer);
    prepared.put(checkpointId, transactionalId);
    byte[] committable = encode(transactionalId, checkpointId);
    producer = null;
    sequence = checkpointId + 1;
    return committable;
  }

  @Override
  public void checkpointComplete(long checkpointId) {
    Iterator<Map.Entry<Long, String>> it = prepared.headMap(checkpointId, true).entrySet().iterator();
    while (it.hasNext()) {
      commit(it.next().getValue());
      it.remove();
    }
  }

  private void commit(String id) {
    KafkaProducer<byte[], byte[]> p = PREPARED.remove(id);
    if (p == null) {
      return; // committed already
    }
    try {
      p.commitTransaction();
    } finally {
      p.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void checkpointAborted(long checkpointId) {
    // the transaction stays prepared; the next completed checkpoint commits it (ids <= next)
  }

  @Override
  public void recover(List<byte[]> committables) {
    long last = -1;
    for (byte[] c : committables) {
      if (c.length == 0) {
        continue;
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(c));
      String id;
      long checkpointId;
      try {
        id = in.readUTF();
        checkpointId = in.readLong();
      } catch (IOException e) {
        throw new KafkaConnectorException("Kafka sink: corrupt committable in the checkpoint", e);
      }
      if (PREPARED.containsKey(id)) {
        commit(id);
      } else {
        // Either committed before the crash, or its producer died with the process: Kafka's
        // public API (4.3) cannot commit another producer's transaction. Counted, and the
        // fencing below aborts it if it is still open.
        unrecoverable++;
        abortById(id);
      }
      last = Math.max(last, checkpointId);
    }
    sequence = last + 1;
    abortById(idFor(sequence + 1)); // a leftover a crashed run may have opened after a barrier
  }

  private void abortById(String id) {
    KafkaProducer<byte[], byte[]> stale = PREPARED.remove(id);
    if (stale != null) {
      stale.close(Duration.ZERO);
    }
    KafkaProducer<byte[], byte[]> p = Producers.create(config, id);
    try {
      p.initTransactions(); // aborts whatever the id had open
    } finally {
      p.close(Duration.ofSeconds(5));
    }
  }

  /** Prepared transactions named in a restored checkpoint that could not be committed. */
  public long unrecoverableTransactions() {
    return unrecoverable;
  }

  @Override
  public void complete() {
    // the runtime prepares and commits the final transaction
  }

  @Override
  public void close(Throwable failure) {
    if (producer != null) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException e) {
        // fenced or broken: the broker aborts it on timeout or when the id is fenced
      }
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (failure != null) {
      return; // prepared ones stay for recover() after a restart in this JVM
    }
    for (String id : prepared.values()) {
      KafkaProducer<byte[], byte[]> p = PREPARED.remove(id);
      if (p != null) {
        try {
          p.abortTransaction();
        } catch (RuntimeException e) {
          // as above
        }
        p.close(Duration.ofSeconds(5));
      }
    }
    prepared.clear();
  }

  private static byte[] encode(String id, long checkpointId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(id);
      out.writeLong(checkpointId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
