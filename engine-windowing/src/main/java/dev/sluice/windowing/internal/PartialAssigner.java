package dev.sluice.windowing.internal;

import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;

/** Assigns a {@link PartialWindow} to its own window, in the combining stage. */
final class PartialAssigner implements WindowAssigner<Object> {
  static final PartialAssigner INSTANCE = new PartialAssigner();

  @Override
  public void assignWindows(Object event, long timestamp, WindowCollector windows) {
    PartialWindow p = (PartialWindow) event;
    windows.window(p.start(), p.end());
  }
}
