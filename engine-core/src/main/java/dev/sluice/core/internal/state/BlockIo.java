package dev.sluice.core.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * Snapshot blocks: a format-version byte, a state-kind byte, a 4-byte entry count, then the
 * entries. Reading checks all three and that nothing follows the last entry.
 */
final class BlockIo {
  static final int HEADER_BYTES = 6;

  /** Reads the entries of one block. */
  interface EntryReader {
    void read(DataInputStream in, int index) throws IOException;
  }

  private BlockIo() {}

  /** A reusable buffer for writing blocks. */
  static final class Writer {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    final DataOutputStream out = new DataOutputStream(bytes);

    /** Starts a block of {@code count} entries of {@code kind}. */
    DataOutputStream start(StateKind kind, int count) throws IOException {
      bytes.reset();
      out.writeByte(StateKind.FORMAT_VERSION);
      out.writeByte(kind.code);
      out.writeInt(count);
      return out;
    }

    byte[] finish() throws IOException {
      out.flush();
      return bytes.toByteArray();
    }
  }

  /** The entry count in a block's header (the block is not otherwise checked). */
  static int entryCount(byte[] block) {
    if (block.length < HEADER_BYTES) {
      return 0;
    }
    return ((block[2] & 0xff) << 24)
        | ((block[3] & 0xff) << 16)
        | ((block[4] & 0xff) << 8)
        | (block[5] & 0xff);
  }

  /**
   * Checks a block's header (version, kind, count) without decoding its entries.
   *
   * @throws IllegalStateException saying {@code where} and what is wrong
   */
  static void checkHeader(byte[] block, StateKind kind, String where) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(block));
      readHeader(in, kind);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot restore " + where + ": corrupted or incompatible snapshot block: " + describe(e),
          e);
    }
  }

  private static int readHeader(DataInputStream in, StateKind kind) throws IOException {
    int version = in.readUnsignedByte();
    if (version != StateKind.FORMAT_VERSION) {
      throw new StreamCorruptedException(
          "block format version " + version + ", this build reads " + StateKind.FORMAT_VERSION);
    }
    StateKind actual = StateKind.ofCode(in.readUnsignedByte());
    if (actual != kind) {
      throw new StreamCorruptedException("block holds " + actual + " state, expected " + kind);
    }
    int count = in.readInt();
    if (count < 0) {
      throw new StreamCorruptedException("negative entry count " + count);
    }
    return count;
  }

  /**
   * Reads a block, calling {@code reader} once per entry.
   *
   * @throws IllegalStateException saying {@code where} (e.g. "state 'x', key group 3") and what
   *     is wrong, when the block is truncated, has another version or kind, trailing bytes, or an
   *     entry that fails to decode or insert
   */
  static void read(byte[] block, StateKind kind, String where, EntryReader reader) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(block));
      int count = readHeader(in, kind);
      for (int i = 0; i < count; i++) {
        try {
          reader.read(in, i);
        } catch (EOFException e) {
          EOFException clear =
              new EOFException(
                  "the block ends inside entry " + i + " of " + count + " (truncated)");
          clear.initCause(e);
          throw clear;
        }
      }
      if (in.available() > 0) {
        throw new StreamCorruptedException(
            in.available() + " bytes follow the last of " + count + " entries");
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot restore " + where + ": corrupted or incompatible snapshot block: " + describe(e),
          e);
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof EOFException && e.getMessage() == null) {
      return "the block ends early (truncated)";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
