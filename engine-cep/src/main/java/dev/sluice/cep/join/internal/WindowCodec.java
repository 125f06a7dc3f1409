package dev.sluice.cep.join.internal;

import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.TimeWindow;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writes a {@link TimeWindow} as two longs. */
final class WindowCodec implements StateCodec<TimeWindow> {
  static final WindowCodec INSTANCE = new WindowCodec();

  private WindowCodec() {}

  @Override
  public void encode(TimeWindow value, DataOutput out) throws IOException {
    out.writeLong(value.start());
    out.writeLong(value.end());
  }

  @Override
  public TimeWindow decode(DataInput in) throws IOException {
    long start = in.readLong();
    long end = in.readLong();
    if (end <= start) {
      throw new IOException("corrupt join window [" + start + ", " + end + ")");
    }
    return new TimeWindow(start, end);
  }

  @Override
  public String formatId() {
    return "sluice.join.TimeWindow/1";
  }
}
