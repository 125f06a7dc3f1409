package dev.sluice.bench.core;

import dev.sluice.core.internal.state.KeyedStateBackend;
import dev.sluice.core.internal.state.KeyedStateSnapshot;
import dev.sluice.core.internal.state.LongKeyedStateTable;
import dev.sluice.core.internal.state.SnapshotIo;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to snapshot and to restore 1M keys of keyed state (long keys, long values, one value
 * state, one instance owning all 128 key groups), as a checkpoint does it: the backend's snapshot
 * (encoding per key group, on the operator's thread) plus framing into the part's bytes, and
 * back. The part's size is printed at setup. Reaches into {@code internal.state} on purpose.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class CheckpointStateBench {
  static final int KEYS = 1_000_000;
  static final int MAX_PARALLELISM = 128;

  KeyedStateBackend<Long> backend;
  byte[] part;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    backend = newBackend();
    LongKeyedStateTable<Long> table =
        backend.longValue(ValueStateDescriptor.of("count", StateCodecs.longs()));
    for (long k = 0; k < KEYS; k++) {
      table.put(k, k * 3);
    }
    part = snapshot();
    System.out.println("\n[1M keys] checkpoint part: " + part.length + " bytes ("
        + (part.length / (double) KEYS) + " bytes per key)");
  }

  @SuppressWarnings("unchecked")
  private static KeyedStateBackend<Long> newBackend() {
    return new KeyedStateBackend<>(
        MAX_PARALLELISM, KeyGroups.rangeFor(0, 1, MAX_PARALLELISM),
        StateCodecs.longs());
  }

  @Benchmark
  public byte[] snapshot() throws IOException {
    KeyedStateSnapshot s = backend.snapshot();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 24);
    DataOutputStream out = new DataOutputStream(bytes);
    SnapshotIo.writeKeyed(s, out);
    out.flush();
    return bytes.toByteArray();
  }

  @Benchmark
  public int restore() throws IOException {
    KeyedStateSnapshot s = SnapshotIo.readKeyed(new DataInputStream(new ByteArrayInputStream(part)));
    KeyedStateBackend<Long> fresh = newBackend();
    fresh.restore(List.of(s));
    LongKeyedStateTable<Long> table =
        fresh.longValue(ValueStateDescriptor.of("count", StateCodecs.longs()));
    return table.size();
  }
}
