package dev.sluice.cep.join.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;

/** The open sessions of one key in a session join: bounds and both sides' events. */
final class Sessions {
  final ArrayList<Session> open = new ArrayList<>(2);

  /** One session {@code [start, end)}. */
  static final class Session {
    long start;
    long end;
    final SideBuffers events;

    Session(long start, long end, SideBuffers events) {
      this.start = start;
      this.end = end;
      this.events = events;
    }
  }

  /** Writes the sessions with the buffers' codec. */
  static final class Codec implements StateCodec<Sessions> {
    private final SideBuffers.Codec buffers;

    Codec(SideBuffers.Codec buffers) {
      this.buffers = buffers;
    }

    @Override
    public void encode(Sessions value, DataOutput out) throws IOException {
      out.writeInt(value.open.size());
      for (Session s : value.open) {
        out.writeLong(s.start);
        out.writeLong(s.end);
        buffers.encode(s.events, out);
      }
    }

    @Override
    public Sessions decode(DataInput in) throws IOException {
      int n = in.readInt();
      if (n < 0) {
        throw new IOException("corrupt session join state: negative size " + n);
      }
      Sessions s = new Sessions();
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        long end = in.readLong();
        s.open.add(new Session(start, end, buffers.decode(in)));
      }
      return s;
    }

    @Override
    public String formatId() {
      return "sluice.join.Sessions/1(" + buffers.formatId() + ")";
    }
  }
}
