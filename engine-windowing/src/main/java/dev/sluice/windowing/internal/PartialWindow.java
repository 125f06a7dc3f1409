package dev.sluice.windowing.internal;

/**
 * One instance's accumulator for one window of a non-keyed window, sent from the pre-aggregating
 * stage to the combining stage.
 */
record PartialWindow(long start, long end, Object acc) {}
