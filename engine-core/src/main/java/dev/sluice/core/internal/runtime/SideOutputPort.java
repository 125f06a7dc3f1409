package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.Output;

/**
 * The {@link Output} an operator gets for one side output. Emitting counts the event as one of
 * the operator's outputs for the input being processed (so filtered/expanded stay right), then
 * on the stage as {@code sideOutput} and hands it to the side port's queues — or, if the
 * pipeline does not connect the tag, as dropped ({@code sideOutputDropped}). The main output's
 * path is not involved. Single-threaded, like its link.
 */
final class SideOutputPort implements Output<Object> {
  private final OperatorLinkBase owner;
  private final String tag;
  /** The side port's queues (a harness recorder in tests), or null if not connected. */
  private final Link outlet;

  SideOutputPort(OperatorLinkBase owner, String tag, Link outlet) {
    this.owner = owner;
    this.tag = tag;
    this.outlet = outlet;
  }

  @Override
  public void emit(Object event) {
    emit(event, owner.currentTimestamp);
  }

  @Override
  public void emit(Object event, long timestamp) {
    StageCounter c = owner.counter;
    if (event == null) {
      throw new NullPointerException(
          "operator of stage '" + c.stage + "' emitted null to side output '" + tag + "'");
    }
    owner.emitted++;
    Link o = outlet;
    if (o == null) {
      c.dropped++;
      c.sideOutputDropped++;
      return;
    }
    c.sideOutput++;
    o.onEvent(event, timestamp);
    o.syncGate();
  }
}
