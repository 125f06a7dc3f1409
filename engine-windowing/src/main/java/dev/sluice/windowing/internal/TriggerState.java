package dev.sluice.windowing.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Per (key, window): events since the last firing and the pending processing-time timer. */
final class TriggerState {
  static final long NO_TIMER = Long.MIN_VALUE;

  long pending;
  long processingTimer = NO_TIMER;

  static final StateCodec<TriggerState> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(TriggerState value, DataOutput out) throws IOException {
          out.writeLong(value.pending);
          out.writeLong(value.processingTimer);
        }

        @Override
        public TriggerState decode(DataInput in) throws IOException {
          TriggerState s = new TriggerState();
          s.pending = in.readLong();
          s.processingTimer = in.readLong();
          return s;
        }

        @Override
        public String formatId() {
          return "sluice.windowing.TriggerState/1";
        }
      };
}
