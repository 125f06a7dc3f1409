package dev.sluice.windowing.internal;

import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.TimeWindow;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writes a {@link TimeWindow} as two longs; public through {@link TimeWindow#codec()}. */
public final class TimeWindowCodec implements StateCodec<TimeWindow> {
  /** The one instance. */
  public static final TimeWindowCodec INSTANCE = new TimeWindowCodec();

  private TimeWindowCodec() {}

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
      throw new IOException("corrupt window [" + start + ", " + end + ")");
    }
    return new TimeWindow(start, end);
  }

  @Override
  public String formatId() {
    return "sluice.windowing.TimeWindow/1";
  }
}
