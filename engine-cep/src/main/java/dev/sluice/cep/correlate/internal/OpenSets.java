package dev.sluice.cep.correlate.internal;

/** A key's open sets, one per window, in no particular order. Not thread-safe. */
final class OpenSets {
  SetBuffer[] sets = new SetBuffer[2];
  int count;

  SetBuffer find(long start) {
    for (int i = 0; i < count; i++) {
      if (sets[i].start == start) {
        return sets[i];
      }
    }
    return null;
  }

  void add(SetBuffer set) {
    if (count == sets.length) {
      sets = java.util.Arrays.copyOf(sets, count * 2);
    }
    sets[count++] = set;
  }

  void remove(long start) {
    for (int i = 0; i < count; i++) {
      if (sets[i].start == start) {
        sets[i] = sets[--count];
        sets[count] = null;
        return;
      }
    }
  }
}
