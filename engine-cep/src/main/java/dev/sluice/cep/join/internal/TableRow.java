package dev.sluice.cep.join.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The current row of one key of a changelog table, with the event time of its last change. */
record TableRow(Object value, long time) {

  /** Writes a row with the user's value codec. */
  static final class Codec implements StateCodec<TableRow> {
    private final StateCodec<Object> values;

    Codec(StateCodec<Object> values) {
      this.values = values;
    }

    @Override
    public void encode(TableRow row, DataOutput out) throws IOException {
      out.writeLong(row.time);
      values.encode(row.value, out);
    }

    @Override
    public TableRow decode(DataInput in) throws IOException {
      long time = in.readLong();
      return new TableRow(values.decode(in), time);
    }

    @Override
    public String formatId() {
      return "sluice.join.TableRow/1(" + values.formatId() + ")";
    }
  }
}
