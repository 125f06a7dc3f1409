package dev.sluice.payloads.senml.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlPack;
import dev.sluice.payloads.senml.SenmlValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** {@link SenmlCodec} on Jackson's streaming JSON and CBOR parsers and generators. */
public final class StreamingSenmlCodec implements SenmlCodec {

  /** Longest number token accepted; far beyond any double, small enough to parse quickly. */
  private static final int MAX_NUMBER_LENGTH = 1000;

  private final SenmlDialect dialect;
  private final PayloadLimits limits;
  private final JsonFactory factory;
  private final PackWriter writer;

  /** A codec for {@code dialect} enforcing {@code limits}. */
  public StreamingSenmlCodec(SenmlDialect dialect, PayloadLimits limits) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.limits = Objects.requireNonNull(limits, "limits");
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxDocumentLength(limits.maxInputBytes())
            // Jackson's own check is a backstop; ours runs first and names the field.
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxStringLength() * 4L + 16))
            .maxNameLength((int) Math.min(Integer.MAX_VALUE, limits.maxLabelNameLength() * 4L + 16))
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build();
    this.factory =
        dialect == SenmlDialect.CBOR
            ? CBORFactory.builder().streamReadConstraints(constraints).build()
            : JsonFactory.builder().streamReadConstraints(constraints).build();
    this.writer = new PackWriter(dialect);
  }

  @Override
  public String format() {
    return dialect.format;
  }

  @Override
  public SenmlPack decode(byte[] input) {
    Objects.requireNonNull(input, "input");
    if (input.length > limits.maxInputBytes()) {
      throw new PayloadFormatException(
          dialect.format,
          "byte " + limits.maxInputBytes(),
          "input of " + input.length + " bytes exceeds " + limits.maxInputBytes()
              + " bytes (PayloadLimits.maxInputBytes)");
    }
    SenmlPack pack;
    try (JsonParser parser = factory.createParser(input)) {
      pack = new PackReader(dialect, limits, parser).read();
    } catch (IOException e) {
      throw new PayloadFormatException(dialect.format, "byte 0", "cannot read input: " + e, e);
    }
    SenmlValidator.validate(pack, dialect.format);
    return pack;
  }

  @Override
  public byte[] encode(SenmlPack pack) {
    SenmlValidator.validate(pack, dialect.format);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + pack.size() * 48);
    try (JsonGenerator g = factory.createGenerator(out)) {
      writer.writePack(g, pack);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "SenmlCodec[" + dialect.format + ", " + limits + "]";
  }
}
