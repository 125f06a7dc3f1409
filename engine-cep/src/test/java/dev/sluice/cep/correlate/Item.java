package dev.sluice.cep.correlate;

/** A test event: a key, a kind, a time and an id; or a watermark marker at a time. */
public record Item(String key, int kind, long time, int id, boolean marker) {
  static Item event(String key, int kind, long time, int id) {
    return new Item(key, kind, time, id, false);
  }

  static Item marker(long time) {
    return new Item(null, -1, time, -1, true);
  }
}
