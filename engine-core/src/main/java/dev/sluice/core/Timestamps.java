package dev.sluice.core;

/** Constants for event time. */
public final class Timestamps {

  /** The timestamp of an event that has none (no {@code withTimestamps} stage upstream). */
  public static final long NONE = Long.MIN_VALUE;

  /** The watermark that ends event time: emitted when a bounded input ends. */
  public static final long MAX_WATERMARK = Long.MAX_VALUE;

  private Timestamps() {}
}
