package dev.sluice.cep.join.internal;

import dev.sluice.cep.join.JoinFunction;
import dev.sluice.cep.join.JoinType;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;

/**
 * What every stream–stream join operator is configured with; immutable, shared by the parallel
 * instances of a stage.
 *
 * @param type which unmatched rows are emitted
 * @param function builds result rows
 * @param leftCodec writes buffered left events into snapshots
 * @param rightCodec writes buffered right events into snapshots
 * @param lateLeft side output of late left events
 * @param lateRight side output of late right events
 */
public record JoinSpec(
    JoinType type,
    JoinFunction<Object, Object, Object> function,
    StateCodec<Object> leftCodec,
    StateCodec<Object> rightCodec,
    OutputTag<Object> lateLeft,
    OutputTag<Object> lateRight) {

  SideBuffers.Codec buffersCodec() {
    return new SideBuffers.Codec(leftCodec, rightCodec);
  }
}
