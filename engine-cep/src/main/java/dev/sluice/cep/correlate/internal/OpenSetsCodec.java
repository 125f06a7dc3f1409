package dev.sluice.cep.correlate.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Writes a key's open sets: per set its window start, event count, then per event its stream
 * index, timestamp and the event with that stream's codec. Stateless.
 */
final class OpenSetsCodec implements StateCodec<OpenSets> {
  private final List<StateCodec<Object>> codecs;

  OpenSetsCodec(List<StateCodec<Object>> codecs) {
    this.codecs = codecs;
  }

  @Override
  public void encode(OpenSets value, DataOutput out) throws IOException {
    out.writeInt(value.count);
    for (int s = 0; s < value.count; s++) {
      SetBuffer b = value.sets[s];
      out.writeLong(b.start);
      out.writeInt(b.size);
      for (int i = 0; i < b.size; i++) {
        out.writeShort(b.streams[i]);
        out.writeLong(b.times[i]);
        codecs.get(b.streams[i]).encode(b.events[i], out);
      }
    }
  }

  @Override
  public OpenSets decode(DataInput in) throws IOException {
    OpenSets sets = new OpenSets();
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative set count " + count);
    }
    for (int s = 0; s < count; s++) {
      long start = in.readLong();
      int size = in.readInt();
      if (size < 1) {
        throw new IOException("a correlated set of " + size + " events");
      }
      SetBuffer b = new SetBuffer(start, codecs.size(), size);
      for (int i = 0; i < size; i++) {
        int stream = in.readShort();
        if (stream < 0 || stream >= codecs.size()) {
          throw new IOException("stream index " + stream + " of " + codecs.size() + " streams");
        }
        long t = in.readLong();
        b.insert(stream, t, codecs.get(stream).decode(in));
      }
      sets.add(b);
    }
    return sets;
  }

  @Override
  public String formatId() {
    StringBuilder sb = new StringBuilder("sluice.cep.correlation-sets/1[");
    for (int i = 0; i < codecs.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(codecs.get(i).formatId());
    }
    return sb.append(']').toString();
  }
}
