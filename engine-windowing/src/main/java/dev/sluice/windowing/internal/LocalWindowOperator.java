package dev.sluice.windowing.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-aggregating first stage of a non-keyed window: runs at the input's parallelism and
 * accumulates each instance's events per window in operator list state (one element per open
 * window, a handful at a time); when the watermark reaches a window's end it emits the window's
 * {@link PartialWindow} and forgets it. An event behind the watermark but within the allowed
 * lateness is sent at once as a one-event partial; an event all of whose windows were released is
 * passed on as {@link ForwardedLate}, for the combining stage's late side output.
 *
 * <p>Accumulators are updated in place and the state is then declared updated with {@code
 * update(get())}, which costs nothing; elements are never kept beyond a callback.
 */
final class LocalWindowOperator<T, A>
    implements Operator<T, Object>, WindowCollector, StateEntries {
  private final WindowAssigner<? super T> assigner;
  private final TumblingWindows tumbling;
  private final AggregateOperation<? super T, A, ?> op;
  private final long lateness;

  private OperatorContext context;
  private ListState<Pane<A>> panes;
  private final ArrayList<Pane<A>> keep = new ArrayList<>();

  // scratch
  private T curEvent;
  private Output<Object> curOut;
  private boolean curAdded;
  private long curWatermark;
  /** Index of the pane the last event went to (a hint; checked before use). */
  private int hint;

  LocalWindowOperator(WindowSpec<T> spec, AggregateOperation<? super T, A, ?> op) {
    this.assigner = spec.assigner();
    this.tumbling = assigner instanceof TumblingWindows t ? t : null;
    this.op = op;
    this.lateness = spec.allowedLatenessMillis();
  }

  /** One open window of this instance. */
  static final class Pane<A> {
    final long start;
    final long end;
    final A acc;

    Pane(long start, long end, A acc) {
      this.start = start;
      this.end = end;
      this.acc = acc;
    }

    static <A> StateCodec<Pane<A>> codec(StateCodec<A> accCodec) {
      return new StateCodec<>() {
        @Override
        public void encode(Pane<A> value, DataOutput out) throws IOException {
          out.writeLong(value.start);
          out.writeLong(value.end);
          accCodec.encode(value.acc, out);
        }

        @Override
        public Pane<A> decode(DataInput in) throws IOException {
          long start = in.readLong();
          long end = in.readLong();
          return new Pane<>(start, end, accCodec.decode(in));
        }

        @Override
        public String formatId() {
          return "sluice.windowing.LocalPane/1<" + accCodec.formatId() + ">";
        }
      };
    }
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    panes =
        context.listState(
            new ListStateDescriptor<>("window-partials", Pane.codec(op.accumulatorCodec())));
  }

  @Override
  public void onEvent(T event, long timestamp, Output<Object> output) {
    curEvent = event;
    curOut = output;
    curAdded = false;
    curWatermark = context.currentWatermark();
    try {
      if (tumbling != null) {
        long start = tumbling.windowStart(timestamp);
        window(start, start + tumbling.sizeMillis());
      } else {
        assigner.assignWindows(event, timestamp, this);
      }
      if (!curAdded) {
        output.emit(new ForwardedLate(event));
      }
    } finally {
      curEvent = null;
      curOut = null;
    }
  }

  @Override
  public void window(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException(
          "the window assigner gave an empty window [" + start + ", " + end + ")");
    }
    long maxTs = end - 1;
    long wm = curWatermark;
    if (Times.plus(maxTs, lateness) <= wm) {
      return;
    }
    curAdded = true;
    if (maxTs <= wm) {
      A acc = op.create();
      op.accumulate(acc, curEvent);
      curOut.emit(new PartialWindow(start, end, acc), maxTs);
      return;
    }
    List<Pane<A>> list = panes.get();
    int n = list.size();
    int h = hint;
    Pane<A> pane = null;
    if (h < n) {
      Pane<A> p = list.get(h);
      if (p.start == start && p.end == end) {
        pane = p;
      }
    }
    if (pane == null) {
      for (int i = 0; i < n; i++) {
        Pane<A> p = list.get(i);
        if (p.start == start && p.end == end) {
          pane = p;
          hint = i;
          break;
        }
      }
    }
    if (pane == null) {
      pane = new Pane<>(start, end, op.create());
      panes.add(pane);
      hint = n;
    }
    op.accumulate(pane.acc, curEvent);
    panes.update(list); // the live view: marks the in-place update, copies nothing
  }

  @Override
  public void onWatermark(long watermark, Output<Object> output) {
    List<Pane<A>> list = panes.get();
    boolean any = false;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).end - 1 <= watermark) {
        any = true;
        break;
      }
    }
    if (!any) {
      return;
    }
    keep.clear();
    for (int i = 0; i < list.size(); i++) {
      Pane<A> p = list.get(i);
      if (p.end - 1 <= watermark) {
        output.emit(new PartialWindow(p.start, p.end, p.acc), p.end - 1);
      } else {
        keep.add(p);
      }
    }
    panes.update(keep);
    keep.clear();
    hint = 0;
  }

  @Override
  public int stateEntries() {
    return panes.size();
  }
}
