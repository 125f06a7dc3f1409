package dev.sluice.payloads.senml;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.senml.internal.SenmlDialect;
import dev.sluice.payloads.senml.internal.StreamingSenmlCodec;

/**
 * Reads and writes SenML packs in one representation: JSON ({@code application/senml+json},
 * RFC 8428 §5) or CBOR ({@code application/senml+cbor}, §6, integer labels). Both run on
 * Jackson's streaming parser and generator.
 *
 * <p>{@link #decode} checks syntax, field types, the {@link PayloadLimits} and every rule of
 * {@link SenmlValidator}, so a pack it returns is valid. {@link #encode} writes a normalised
 * form: fields in RFC 8428 Table 1 order, then extensions sorted by label; integral numbers as
 * integers; in CBOR, non-integral numbers as 32-bit floats when that is exact, else 64-bit. A
 * decode of an encoded pack returns an equal pack, in either format, so JSON → CBOR → JSON is
 * lossless.
 *
 * <p><b>Threading:</b> codecs are immutable and thread-safe; share one per configuration.
 * <b>Allocation:</b> decoding allocates the model (one record per SenML record plus its strings)
 * and a parser; encoding allocates the output array and a generator. <b>Failure:</b> {@link
 * #decode} throws only {@link PayloadFormatException} for bad input, with {@link #format()} as
 * the format and a location such as {@code $[3].n} (field errors), {@code line 2, column 9}
 * (JSON syntax) or {@code byte 17} (CBOR syntax). {@link #encode} throws {@link
 * PayloadFormatException} if the pack is invalid, since it would not decode again.
 */
public interface SenmlCodec {

  /** {@code senml-json} or {@code senml-cbor}. */
  String format();

  /**
   * Decodes and validates one pack.
   *
   * @throws PayloadFormatException if the input is not a valid SenML pack or exceeds a limit
   */
  SenmlPack decode(byte[] input);

  /**
   * Validates and encodes a pack in normalised form into a new array.
   *
   * @throws PayloadFormatException if the pack is not valid (see {@link SenmlValidator})
   */
  byte[] encode(SenmlPack pack);

  /** A JSON codec enforcing {@link PayloadLimits#DEFAULTS}. */
  static SenmlCodec json() {
    return json(PayloadLimits.DEFAULTS);
  }

  /** A JSON codec enforcing {@code limits}. */
  static SenmlCodec json(PayloadLimits limits) {
    return new StreamingSenmlCodec(SenmlDialect.JSON, limits);
  }

  /** A CBOR codec enforcing {@link PayloadLimits#DEFAULTS}. */
  static SenmlCodec cbor() {
    return cbor(PayloadLimits.DEFAULTS);
  }

  /** A CBOR codec enforcing {@code limits}. */
  static SenmlCodec cbor(PayloadLimits limits) {
    return new StreamingSenmlCodec(SenmlDialect.CBOR, limits);
  }
}
