package dev.sluice.windowing.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test aggregations that say exactly which events a result covers: the sorted ids of the events,
 * with or without deduct.
 */
public final class CollectIds {
  private CollectIds() {}

  static final StateCodec<ArrayList<Long>> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(ArrayList<Long> value, DataOutput out) throws IOException {
          out.writeInt(value.size());
          for (long v : value) {
            out.writeLong(v);
          }
        }

        @Override
        public ArrayList<Long> decode(DataInput in) throws IOException {
          int n = in.readInt();
          ArrayList<Long> l = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            l.add(in.readLong());
          }
          return l;
        }

        @Override
        public String formatId() {
          return "test.ids";
        }
      };

  /** Sorted ids; deducts by removing ids. */
  public static AggregateOperation<Ev, ArrayList<Long>, List<Long>> deducting() {
    return AggregateOperation.of(
        ArrayList::new,
        (a, e) -> a.add(e.id()),
        ArrayList::addAll,
        (a, o) -> {
          for (Long v : o) {
            if (!a.remove(v)) {
              throw new IllegalStateException("deducted id " + v + " not in " + a);
            }
          }
        },
        CollectIds::sorted,
        CODEC);
  }

  /** Sorted ids; cannot deduct. */
  public static AggregateOperation<Ev, ArrayList<Long>, List<Long>> plain() {
    return AggregateOperation.of(
        ArrayList::new, (a, e) -> a.add(e.id()), ArrayList::addAll, null, CollectIds::sorted,
        CODEC);
  }

  static List<Long> sorted(ArrayList<Long> a) {
    ArrayList<Long> c = new ArrayList<>(a);
    c.sort(null);
    return List.copyOf(c);
  }
}
