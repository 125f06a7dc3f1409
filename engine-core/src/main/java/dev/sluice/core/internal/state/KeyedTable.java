package dev.sluice.core.internal.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the keyed state backend needs from a table to snapshot and restore it: its slots, each
 * entry's key group, and entry-wise encoding.
 */
interface KeyedTable {

  String name();

  StateMeta meta();

  /** The number of slots; slot indices run from 0 to this, exclusive. */
  int slotCount();

  boolean occupied(int slot);

  /** The key group of the entry in an occupied slot. */
  int keyGroupAt(int slot);

  /** Writes the entry in an occupied slot with the state's codecs. */
  void writeEntry(int slot, DataOutput out) throws IOException;

  /**
   * Reads one entry written by {@link #writeEntry} and inserts it.
   *
   * @throws IOException if the bytes cannot be decoded
   * @throws IllegalStateException if the key does not belong to {@code keyGroup} or the entry is
   *     already present
   */
  void readEntry(DataInput in, int keyGroup) throws IOException;

  int size();

  /** The footprint of the table's own arrays, in bytes, excluding the keys and values. */
  long tableBytes();
}
