package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks an exposition's size limit and decodes it as strict UTF-8. */
final class Utf8Text {
  private Utf8Text() {}

  static String decode(String format, byte[] input, PayloadLimits limits) {
    if (input.length > limits.maxInputBytes()) {
      throw new PayloadFormatException(format, "byte " + limits.maxInputBytes(),
          "input is larger than " + limits.maxInputBytes() + " bytes");
    }
    if (isAscii(input)) {
      // the common case: one pass to check, and a compact Latin-1 String without a char buffer
      return new String(input, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(input)).toString();
    } catch (CharacterCodingException e) {
      throw new PayloadFormatException(format, "input", "not valid UTF-8");
    }
  }

  private static boolean isAscii(byte[] input) {
    for (byte b : input) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
