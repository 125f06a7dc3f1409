package dev.sluice.cep.anomaly.internal;

import dev.sluice.cep.anomaly.Detector;
import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes a key's window: seed, clock, timer, the values with their timestamps oldest first, then
 * the detector's model. Stateless.
 */
final class KeyWindowCodec<M> implements StateCodec<KeyWindow<M>> {
  private final Detector<M> detector;
  private final int capacity;
  private final int dims;

  KeyWindowCodec(Detector<M> detector, int capacity, int dims) {
    this.detector = detector;
    this.capacity = capacity;
    this.dims = dims;
  }

  @Override
  public void encode(KeyWindow<M> w, DataOutput out) throws IOException {
    out.writeLong(w.seed);
    out.writeLong(w.clock);
    out.writeLong(w.timer);
    out.writeInt(w.size);
    for (int i = 0; i < w.size; i++) {
      for (int d = 0; d < dims; d++) {
        out.writeDouble(w.value(i, d));
      }
      out.writeLong(w.timestamp(i));
    }
    detector.writeModel(w.model, out);
  }

  @Override
  public KeyWindow<M> decode(DataInput in) throws IOException {
    long seed = in.readLong();
    long clock = in.readLong();
    long timer = in.readLong();
    int size = in.readInt();
    if (size < 0 || size > capacity) {
      throw new IOException("a window of " + size + " values, at most " + capacity);
    }
    KeyWindow<M> w = new KeyWindow<>(capacity, dims, seed, Math.max(size, Math.min(capacity, 16)));
    w.clock = clock;
    w.timer = timer;
    double[] point = new double[dims];
    for (int i = 0; i < size; i++) {
      for (int d = 0; d < dims; d++) {
        point[d] = in.readDouble();
      }
      w.append(point, in.readLong());
    }
    w.model = detector.readModel(in, seed, w);
    return w;
  }

  @Override
  public String formatId() {
    return "sluice.cep.detection-window/1(dims=" + dims + ")[" + detector.modelFormatId() + "]";
  }
}
