package dev.sluice.core.checkpoint;

import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import java.util.List;

/**
 * Passes events on and counts those starting with "e:" in operator list state (one element per instance; a restore
 * at another parallelism deals the old elements out); emits "seen:n" at the end.
 */
final class SeenCountingOperator implements Operator<String, String> {
  private ListState<Long> state;
  private long seen;

  @Override
  public void open(OperatorContext context) {
    state = context.listState(new ListStateDescriptor<>("seen", StateCodecs.longs()));
    for (long s : state.get()) {
      seen += s;
    }
  }

  @Override
  public void onEvent(String event, long timestamp, Output<String> out) {
    if (event.startsWith("e:")) {
      seen++;
      state.update(List.of(seen));
    }
    out.emit(event);
  }

  @Override
  public void onEnd(Output<String> out) {
    out.emit("seen:" + seen);
  }
}
