/** Sluice windowing (filled by its own issue). */
module dev.sluice.windowing {
  requires transitive dev.sluice.core;
  requires HdrHistogram;
  exports dev.sluice.windowing.aggregate;
}
