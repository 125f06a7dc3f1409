package dev.sluice.core.internal.runtime;

/**
 * In-band control markers. A marker sits in a batch's item slot; for {@link #WATERMARK} the
 * timestamp slot carries the watermark value, for {@link #BARRIER} the checkpoint id.
 */
final class Control {
  static final Control WATERMARK = new Control("WATERMARK");
  static final Control IDLE = new Control("IDLE");
  static final Control END = new Control("END");
  /** A checkpoint barrier; the timestamp slot carries the checkpoint id. */
  static final Control BARRIER = new Control("BARRIER");

  private final String name;

  private Control(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
