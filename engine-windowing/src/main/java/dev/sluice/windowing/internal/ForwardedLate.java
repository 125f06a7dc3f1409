package dev.sluice.windowing.internal;

/**
 * A late event of a non-keyed window, passed from the pre-aggregating stage to the combining
 * stage on the main edge so that it reaches the late side output of the stage the user holds.
 */
record ForwardedLate(Object event) {}
