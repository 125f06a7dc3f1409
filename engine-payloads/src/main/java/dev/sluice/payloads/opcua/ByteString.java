package dev.sluice.payloads.opcua;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable OPC UA ByteString: a sequence of bytes with value equality. Its JSON and
 * NodeId string form is standard Base64 with padding.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> {@link #of(byte[])} and {@link
 * #toByteArray()} copy the bytes. <b>Failure:</b> {@link #fromBase64(String)} throws {@link
 * IllegalArgumentException} for text that is not Base64.
 */
public final class ByteString {

  /** The empty ByteString. */
  public static final ByteString EMPTY = new ByteString(new byte[0]);

  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A ByteString holding a copy of {@code bytes}. */
  public static ByteString of(byte[] bytes) {
    return new ByteString(Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * Decodes standard Base64 text.
   *
   * @throws IllegalArgumentException if the text is not valid Base64
   */
  public static ByteString fromBase64(String base64) {
    return new ByteString(Base64.getDecoder().decode(base64));
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The bytes as standard Base64 with padding. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The Base64 form. */
  @Override
  public String toString() {
    return toBase64();
  }
}
