package dev.sluice.core.internal.checkpoint;

import dev.sluice.core.checkpoint.CheckpointCorruptException;
import dev.sluice.core.checkpoint.CheckpointKind;
import dev.sluice.core.internal.state.CodecIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a checkpoint directory: one file per part and a {@code MANIFEST}.
 *
 * <pre>
 * part file (big-endian)                         MANIFEST (big-endian)
 *  0  magic "SLCP"                                0  magic "SLCM"
 *  4  format version (u16) = 1                    4  format version (u16) = 1
 *  6  reserved (u16) = 0                          6  reserved (u16) = 0
 *  8  checkpoint id (i64)                         8  body length (i32)
 * 16  part index (i32)                           12  body CRC32C (i32)
 * 20  payload length (i64)                       16  header CRC32C of bytes 0..15 (i32)
 * 28  payload CRC32C (i32)                       20  body: job name, id, timestamp, kind,
 * 32  header CRC32C of bytes 0..31 (i32)             part count, then per part: name, file
 * 36  payload                                         name, payload length, payload CRC32C
 * </pre>
 *
 * Every check that fails throws {@link CheckpointCorruptException} with a message that starts with
 * the file's path and says what is wrong.
 */
public final class CheckpointFormat {
  /** "SLCP": a part file. */
  public static final int PART_MAGIC = 0x534C4350;

  /** "SLCM": a manifest. */
  public static final int MANIFEST_MAGIC = 0x534C434D;

  /** The format version this build writes and reads. */
  public static final int VERSION = 1;

  public static final int PART_HEADER_BYTES = 36;
  public static final int MANIFEST_HEADER_BYTES = 20;

  /** The manifest's file name inside a checkpoint directory. */
  public static final String MANIFEST = "MANIFEST";

  private CheckpointFormat() {}

  /** The file name of part {@code index}. */
  public static String partFileName(int index) {
    return String.format("part-%05d", index);
  }

  /** One part as listed in the manifest. */
  public record PartEntry(String name, String fileName, long length, int crc) {}

  /** A decoded manifest. */
  public record Manifest(
      String jobName, long id, long timestampMillis, CheckpointKind kind, List<PartEntry> parts) {}

  /** CRC32C of {@code bytes[offset, offset+length)}. */
  public static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The header of a part file holding {@code payload}. */
  public static ByteBuffer partHeader(long checkpointId, int index, byte[] payload, int payloadCrc) {
    ByteBuffer header = ByteBuffer.allocate(PART_HEADER_BYTES);
    header.putInt(PART_MAGIC).putShort((short) VERSION).putShort((short) 0);
    header.putLong(checkpointId).putInt(index).putLong(payload.length).putInt(payloadCrc);
    header.putInt(crc(header.array(), 0, 32));
    return header.flip();
  }

  /** The complete bytes of a manifest. */
  public static byte[] encodeManifest(Manifest manifest) throws IOException {
    ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
    DataOutputStream body = new DataOutputStream(bodyBytes);
    CodecIo.writeString(body, manifest.jobName());
    body.writeLong(manifest.id());
    body.writeLong(manifest.timestampMillis());
    body.writeByte(manifest.kind().ordinal());
    CodecIo.writeVarInt(body, manifest.parts().size());
    for (PartEntry part : manifest.parts()) {
      CodecIo.writeString(body, part.name());
      CodecIo.writeString(body, part.fileName());
      body.writeLong(part.length());
      body.writeInt(part.crc());
    }
    body.flush();
    byte[] b = bodyBytes.toByteArray();
    ByteBuffer all = ByteBuffer.allocate(MANIFEST_HEADER_BYTES + b.length);
    all.putInt(MANIFEST_MAGIC).putShort((short) VERSION).putShort((short) 0);
    all.putInt(b.length).putInt(crc(b, 0, b.length));
    all.putInt(crc(all.array(), 0, 16));
    all.put(b);
    return all.array();
  }

  /** Verifies and decodes the bytes of the manifest read from {@code file}. */
  public static Manifest decodeManifest(Path file, byte[] bytes) throws CheckpointCorruptException {
    if (bytes.length < MANIFEST_HEADER_BYTES) {
      throw corrupt(
          file,
          "truncated: "
              + bytes.length
              + " bytes, shorter than the "
              + MANIFEST_HEADER_BYTES
              + "-byte manifest header");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    checkMagic(file, header.getInt(0), MANIFEST_MAGIC, "manifest");
    checkHeaderCrc(file, bytes, 16, header.getInt(16));
    checkVersion(file, header.getShort(4) & 0xffff);
    long bodyLength = header.getInt(8) & 0xffffffffL;
    checkLength(file, bodyLength, bytes.length - MANIFEST_HEADER_BYTES, "manifest body");
    int computed = crc(bytes, MANIFEST_HEADER_BYTES, (int) bodyLength);
    if (computed != header.getInt(12)) {
      throw corrupt(file, "manifest body checksum mismatch " + crcs(header.getInt(12), computed));
    }
    try {
      DataInputStream in =
          new DataInputStream(
              new ByteArrayInputStream(bytes, MANIFEST_HEADER_BYTES, (int) bodyLength));
      String job = CodecIo.readString(in);
      long id = in.readLong();
      long timestamp = in.readLong();
      int kindOrdinal = in.readUnsignedByte();
      if (kindOrdinal >= CheckpointKind.values().length) {
        throw corrupt(file, "unknown checkpoint kind " + kindOrdinal);
      }
      int n = CodecIo.readVarInt(in);
      List<PartEntry> parts = new ArrayList<>(CodecIo.initialCapacity(n));
      for (int i = 0; i < n; i++) {
        parts.add(
            new PartEntry(
                CodecIo.readString(in), CodecIo.readString(in), in.readLong(), in.readInt()));
      }
      if (in.available() != 0) {
        throw corrupt(file, in.available() + " unread bytes at the end of the manifest body");
      }
      return new Manifest(job, id, timestamp, CheckpointKind.values()[kindOrdinal], parts);
    } catch (CheckpointCorruptException e) {
      throw e;
    } catch (IOException e) {
      throw new CheckpointCorruptException(file + ": manifest body is malformed: " + e, e);
    }
  }

  /**
   * Verifies the bytes of part file {@code file} against its own header and the manifest's
   * {@code entry}, and returns its payload.
   */
  public static byte[] decodePart(
      Path file, byte[] bytes, long checkpointId, int index, PartEntry entry)
      throws CheckpointCorruptException {
    if (bytes.length < PART_HEADER_BYTES) {
      throw corrupt(
          file,
          "truncated: "
              + bytes.length
              + " bytes, shorter than the "
              + PART_HEADER_BYTES
              + "-byte part header (part '"
              + entry.name()
              + "')");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    checkMagic(file, header.getInt(0), PART_MAGIC, "part");
    checkHeaderCrc(file, bytes, 32, header.getInt(32));
    checkVersion(file, header.getShort(4) & 0xffff);
    if (header.getLong(8) != checkpointId || header.getInt(16) != index) {
      throw corrupt(
          file,
          "belongs to checkpoint "
              + header.getLong(8)
              + " part "
              + header.getInt(16)
              + ", but the manifest expects checkpoint "
              + checkpointId
              + " part "
              + index);
    }
    long length = header.getLong(20);
    checkLength(file, length, bytes.length - PART_HEADER_BYTES, "payload of part '" + entry.name() + "'");
    int stored = header.getInt(28);
    if (length != entry.length() || stored != entry.crc()) {
      throw corrupt(
          file,
          "part '"
              + entry.name()
              + "' has length "
              + length
              + " and CRC32C 0x"
              + Integer.toHexString(stored)
              + " in its header, but the manifest says "
              + entry.length()
              + " and 0x"
              + Integer.toHexString(entry.crc()));
    }
    int computed = crc(bytes, PART_HEADER_BYTES, (int) length);
    if (computed != stored) {
      throw corrupt(
          file, "payload checksum mismatch in part '" + entry.name() + "' " + crcs(stored, computed));
    }
    byte[] payload = new byte[(int) length];
    System.arraycopy(bytes, PART_HEADER_BYTES, payload, 0, payload.length);
    return payload;
  }

  private static void checkMagic(Path file, int magic, int expected, String what)
      throws CheckpointCorruptException {
    if (magic != expected) {
      throw corrupt(
          file,
          "wrong magic number 0x"
              + Integer.toHexString(magic)
              + " (a "
              + what
              + " starts with 0x"
              + Integer.toHexString(expected)
              + ", \""
              + ascii(expected)
              + "\"): not a Sluice checkpoint "
              + what
              + " or its header is damaged");
    }
  }

  private static void checkHeaderCrc(Path file, byte[] bytes, int length, int stored)
      throws CheckpointCorruptException {
    int computed = crc(bytes, 0, length);
    if (computed != stored) {
      throw corrupt(file, "header checksum mismatch " + crcs(stored, computed));
    }
  }

  private static void checkVersion(Path file, int version) throws CheckpointCorruptException {
    if (version != VERSION) {
      throw corrupt(
          file, "unsupported format version " + version + " (this build reads version " + VERSION + ")");
    }
  }

  private static void checkLength(Path file, long declared, long actual, String what)
      throws CheckpointCorruptException {
    if (actual < declared) {
      throw corrupt(
          file,
          "truncated: the header declares "
              + declared
              + " bytes of "
              + what
              + ", the file holds "
              + actual);
    }
    if (actual > declared) {
      throw corrupt(
          file,
          (actual - declared)
              + " bytes of trailing garbage after the "
              + declared
              + " bytes of "
              + what);
    }
  }

  private static String crcs(int stored, int computed) {
    return "(stored CRC32C 0x"
        + Integer.toHexString(stored)
        + ", computed 0x"
        + Integer.toHexString(computed)
        + ")";
  }

  private static String ascii(int magic) {
    return new String(
        new char[] {
          (char) (magic >>> 24), (char) ((magic >>> 16) & 0xff), (char) ((magic >>> 8) & 0xff),
          (char) (magic & 0xff)
        });
  }

  /** An exception whose message is {@code "<file>: <defect>"}. */
  public static CheckpointCorruptException corrupt(Path file, String defect) {
    return new CheckpointCorruptException(file + ": " + defect);
  }
}
