package dev.sluice.core.internal.state;

import java.io.StreamCorruptedException;

/** The kinds of managed state, with the byte that identifies each in snapshot blocks. */
public enum StateKind {
  VALUE(1),
  MAP(2),
  NAMESPACED(3),
  LIST(4),
  BROADCAST(5);

  /** The version of the snapshot block format, written first in every block. */
  public static final int FORMAT_VERSION = 1;

  final int code;

  StateKind(int code) {
    this.code = code;
  }

  static StateKind ofCode(int code) throws StreamCorruptedException {
    for (StateKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new StreamCorruptedException("unknown state kind byte " + code);
  }
}
