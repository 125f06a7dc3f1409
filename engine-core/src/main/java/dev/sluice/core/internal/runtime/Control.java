package dev.sluice.core.internal.runtime;

/**
 * In-band control markers. A marker sits in a batch's item slot; for {@link #WATERMARK} the
 * timestamp slot carries the watermark value.
 */
final class Control {
  static final Control WATERMARK = new Control("WATERMARK");
  static final Control IDLE = new Control("IDLE");
  static final Control END = new Control("END");

  private final String name;

  private Control(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
