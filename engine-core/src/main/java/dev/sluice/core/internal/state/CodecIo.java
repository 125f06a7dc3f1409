package dev.sluice.core.internal.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Low-level encodings shared by the codecs and the snapshot blocks: unsigned variable-length
 * integers, length-prefixed UTF-8 strings and byte arrays read without trusting a corrupted length
 * for the allocation.
 */
public final class CodecIo {
  /** Largest allocation made in one step from a length read from the input. */
  private static final int CHUNK = 1 << 20;

  private CodecIo() {}

  /** Writes a non-negative int as 1–5 bytes, seven bits at a time. */
  public static void writeVarInt(DataOutput out, int value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("negative length or count: " + value);
    }
    while ((value & ~0x7f) != 0) {
      out.writeByte((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  /** Reads an int written by {@link #writeVarInt}. */
  public static int readVarInt(DataInput in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          throw new StreamCorruptedException("variable-length int overflows: " + value);
        }
        return value;
      }
    }
    throw new StreamCorruptedException("variable-length int longer than 5 bytes");
  }

  /** Writes a non-negative long as 1–10 bytes. */
  public static void writeVarLong(DataOutput out, long value) throws IOException {
    while ((value & ~0x7fL) != 0) {
      out.writeByte((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  /** Reads a long written by {@link #writeVarLong}. */
  public static long readVarLong(DataInput in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new StreamCorruptedException("variable-length long longer than 10 bytes");
  }

  /**
   * Writes a string of any length: a header {@code (length << 1) | flag}, then UTF-8 bytes (flag
   * 0), or for a string with an unpaired surrogate, which UTF-8 cannot carry, its UTF-16 chars
   * (flag 1).
   */
  public static void writeString(DataOutput out, String s) throws IOException {
    if (isWellFormed(s)) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      writeVarLong(out, (long) bytes.length << 1);
      out.write(bytes);
    } else {
      writeVarLong(out, ((long) s.length() << 1) | 1);
      for (int i = 0; i < s.length(); i++) {
        out.writeChar(s.charAt(i));
      }
    }
  }

  /** Reads a string written by {@link #writeString}. */
  public static String readString(DataInput in) throws IOException {
    long header = readVarLong(in);
    int length = checkLength(header >>> 1);
    if ((header & 1) == 0) {
      return new String(readBytes(in, length), StandardCharsets.UTF_8);
    }
    StringBuilder b = new StringBuilder(Math.min(length, CHUNK));
    for (int i = 0; i < length; i++) {
      b.append(in.readChar());
    }
    return b.toString();
  }

  /** Writes a byte array with its length. */
  public static void writeByteArray(DataOutput out, byte[] bytes) throws IOException {
    writeVarInt(out, bytes.length);
    out.write(bytes);
  }

  /** Reads a byte array written by {@link #writeByteArray}. */
  public static byte[] readByteArray(DataInput in) throws IOException {
    return readBytes(in, readVarInt(in));
  }

  /**
   * Reads exactly {@code length} bytes, allocating at most {@link #CHUNK} bytes ahead of the data
   * actually read, so that a corrupted length ends in an {@link java.io.EOFException}, not in an
   * {@link OutOfMemoryError}.
   */
  public static byte[] readBytes(DataInput in, int length) throws IOException {
    if (length <= CHUNK) {
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return bytes;
    }
    byte[] bytes = new byte[CHUNK];
    int read = 0;
    while (read < length) {
      int n = Math.min(length - read, CHUNK);
      if (read + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(length, Math.max(read + n, 2L * bytes.length)));
      }
      in.readFully(bytes, read, n);
      read += n;
    }
    return bytes;
  }

  /** A collection size read from the input, bounded for use as an initial capacity. */
  public static int initialCapacity(int size) {
    return Math.min(size, 1024);
  }

  private static int checkLength(long length) throws StreamCorruptedException {
    if (length > Integer.MAX_VALUE) {
      throw new StreamCorruptedException("string length " + length + " is out of range");
    }
    return (int) length;
  }

  private static boolean isWellFormed(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }
}
