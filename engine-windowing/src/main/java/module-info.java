/**
 * Sluice windowing: tumbling, sliding, session, count and global windows with triggers, allowed
 * lateness and a late side output, on the core's keyed operator SPI.
 */
module dev.sluice.windowing {
  requires transitive dev.sluice.core;
  requires HdrHistogram;

  exports dev.sluice.windowing;
  exports dev.sluice.windowing.aggregate;
}
