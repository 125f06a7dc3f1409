package dev.sluice.windowing.internal;

/**
 * An item of a generated test stream: an event (key, id, timestamp) or a watermark marker whose
 * timestamp is the highest of the stream so far, so that the watermark advances exactly at
 * markers (see {@link MarkerSource}).
 */
public record StreamItem(String key, long id, long ts, boolean marker) {

  static StreamItem event(String key, long id, long ts) {
    return new StreamItem(key, id, ts, false);
  }

  static StreamItem marker(long ts) {
    return new StreamItem("", -1, ts, true);
  }

  Ev toEv() {
    return new Ev(key, id);
  }
}
