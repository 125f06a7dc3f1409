package dev.sluice.windowing;

/** Why a window emitted a result: before, at or after the watermark passed its end. */
public enum FiringKind {
  /** An early firing: the trigger fired before the watermark reached the window's end. */
  EARLY,
  /** The firing when the watermark reached the window's end (at most one per window). */
  ON_TIME,
  /**
   * A firing after the watermark had passed the window's end: a late event arrived within the
   * allowed lateness (one firing per such event), or a session merged into a window that had
   * already fired on time.
   */
  LATE
}
