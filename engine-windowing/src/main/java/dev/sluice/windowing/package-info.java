/**
 * Sluice windowing: window assigners ({@link dev.sluice.windowing.TumblingWindows}, {@link
 * dev.sluice.windowing.SlidingWindows}, {@link dev.sluice.windowing.SessionWindows}, {@link
 * dev.sluice.windowing.GlobalWindows}, count windows and the {@link
 * dev.sluice.windowing.WindowAssigner} SPI), {@link dev.sluice.windowing.Trigger}s, evictors,
 * allowed lateness and the late side output, reached through {@link
 * dev.sluice.windowing.Windowing}. See docs/windowing.md.
 */
package dev.sluice.windowing;
