package dev.sluice.cep.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.anomaly.Detector;
import dev.sluice.cep.anomaly.Detectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bytes of state per key of each detector with a full window of 100 values (docs/cep.md quotes
 * the printed figures): the snapshot size from the state codec, and the heap held by the
 * window's and model's arrays. Also checks that the codec round-trips a key's state.
 */
class StateFootprintTest {

  record Footprint(int snapshotBytes, long arrayHeapBytes) {}

  static <M> Footprint fill(Detector<M> detector, int capacity, int values) throws Exception {
    KeyWindow<M> w = new KeyWindow<>(capacity, 1, 42L);
    w.model = detector.newModel(w.seed, w);
    SplittableRandom r = new SplittableRandom(1);
    double[] point = new double[1];
    for (int i = 0; i < values; i++) {
      if (w.isFull()) {
        double v = w.oldestValue();
        long t = w.oldestTime();
        w.removeOldest();
        detector.onEvict(w.model, v, t, w);
      }
      point[0] = r.nextGaussian();
      w.append(point, i);
      detector.onAdd(w.model, w);
    }
    KeyWindowCodec<M> codec = new KeyWindowCodec<>(detector, capacity, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.encode(w, new DataOutputStream(bytes));
    KeyWindow<M> back = codec.decode(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    codec.encode(back, new DataOutputStream(again));
    assertThat(again.toByteArray()).as("codec round trip").isEqualTo(bytes.toByteArray());
    for (double x : new double[] {-3, 0, 0.5, 4}) {
      assertThat(detector.score(back.model, back, x)).isEqualTo(detector.score(w.model, w, x));
    }
    long model =
        w.model instanceof dev.sluice.cep.anomaly.IqrDetector.Model
            ? 16L + 8L * capacity
            : 0;
    if (w.model instanceof dev.sluice.cep.anomaly.IsolationForestDetector.Model m) {
      model = m.arrayBytes();
    }
    Footprint f = new Footprint(bytes.size(), w.arrayBytes() + model);
    System.out.printf(
        "[state per key] %-17s window %d: snapshot %,d bytes, heap arrays %,d bytes%n",
        detector.method(), capacity, f.snapshotBytes(), f.arrayHeapBytes());
    return f;
  }

  @Test
  void bytesPerKeyWithAWindowOf100() throws Exception {
    Footprint z = fill(Detectors.zScore(), 100, 250);
    // seed, clock, timer, count; 100 x (value, timestamp); the model's 2 ints and 4 doubles
    assertThat(z.snapshotBytes()).isEqualTo(28 + 100 * 16 + 40);
    Footprint iqr = fill(Detectors.iqr(), 100, 250);
    assertThat(iqr.snapshotBytes()).isEqualTo(28 + 100 * 16); // sorted copy rebuilt on restore
    Footprint forest = fill(Detectors.isolationForest(), 100, 250);
    assertThat(forest.snapshotBytes()).isGreaterThan(28 + 100 * 16 + 16);
    Footprint small = fill(Detectors.isolationForest().trees(20).sampleSize(32), 100, 250);
    assertThat(small.snapshotBytes()).isLessThan(forest.snapshotBytes());
  }
}
