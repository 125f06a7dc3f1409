package dev.sluice.payloads.senml.internal;

/** The two representations a {@link StreamingSenmlCodec} speaks. */
public enum SenmlDialect {
  /** {@code application/senml+json}: string labels, {@code vd} as unpadded base64url. */
  JSON("senml-json"),
  /** {@code application/senml+cbor}: integer labels, {@code vd} as a byte string. */
  CBOR("senml-cbor");

  /** The format name used in errors and by generators. */
  public final String format;

  SenmlDialect(String format) {
    this.format = format;
  }
}
