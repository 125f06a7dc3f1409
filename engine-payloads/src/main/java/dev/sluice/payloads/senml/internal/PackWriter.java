package dev.sluice.payloads.senml.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.sluice.payloads.senml.SenmlPack;
import dev.sluice.payloads.senml.SenmlRecord;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Writes the normalised form of records to a Jackson generator: RFC 8428 Table 1 field order,
 * then extensions by label; integral numbers as integers; in CBOR integer labels, definite
 * lengths, byte strings for {@code vd} and 32-bit floats where exact.
 */
public final class PackWriter {

  private static final double MAX_EXACT_INTEGER = 0x1p53;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SenmlDialect dialect;

  /** A writer for one dialect; stateless. */
  public PackWriter(SenmlDialect dialect) {
    this.dialect = dialect;
  }

  /** Writes a whole pack as an array. */
  public void writePack(JsonGenerator g, SenmlPack pack) throws IOException {
    g.writeStartArray(pack, pack.size());
    for (SenmlRecord r : pack.records()) {
      writeRecord(g, r);
    }
    g.writeEndArray();
  }

  /** Writes one record as a map. */
  public void writeRecord(JsonGenerator g, SenmlRecord r) throws IOException {
    g.writeStartObject(r, fieldCount(r));
    string(g, SenmlLabel.BASE_NAME, r.baseName());
    number(g, SenmlLabel.BASE_TIME, r.baseTime());
    string(g, SenmlLabel.BASE_UNIT, r.baseUnit());
    number(g, SenmlLabel.BASE_VALUE, r.baseValue());
    number(g, SenmlLabel.BASE_SUM, r.baseSum());
    if (r.baseVersion() != null) {
      label(g, SenmlLabel.BASE_VERSION);
      g.writeNumber(r.baseVersion().intValue());
    }
    string(g, SenmlLabel.NAME, r.name());
    string(g, SenmlLabel.UNIT, r.unit());
    number(g, SenmlLabel.VALUE, r.value());
    string(g, SenmlLabel.STRING_VALUE, r.stringValue());
    if (r.booleanValue() != null) {
      label(g, SenmlLabel.BOOLEAN_VALUE);
      g.writeBoolean(r.booleanValue());
    }
    if (r.hasDataValue()) {
      label(g, SenmlLabel.DATA_VALUE);
      byte[] data = r.dataValue();
      if (dialect == SenmlDialect.CBOR) {
        g.writeBinary(data);
      } else {
        g.writeString(BASE64URL.encodeToString(data));
      }
    }
    number(g, SenmlLabel.SUM, r.sum());
    number(g, SenmlLabel.TIME, r.time());
    number(g, SenmlLabel.UPDATE_TIME, r.updateTime());
    for (Map.Entry<String, Object> e : r.extensions().entrySet()) {
      g.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v instanceof String s) {
        g.writeString(s);
      } else if (v instanceof Double d) {
        writeNumber(g, d);
      } else {
        g.writeBoolean((Boolean) v);
      }
    }
    g.writeEndObject();
  }

  private static int fieldCount(SenmlRecord r) {
    int n = r.extensions().size() + r.valueFieldCount();
    Object[] optional = {
      r.baseName(), r.baseTime(), r.baseUnit(), r.baseValue(), r.baseSum(), r.baseVersion(),
      r.name(), r.unit(), r.sum(), r.time(), r.updateTime()
    };
    for (Object o : optional) {
      if (o != null) {
        n++;
      }
    }
    return n;
  }

  private void label(JsonGenerator g, SenmlLabel label) throws IOException {
    if (dialect == SenmlDialect.CBOR) {
      ((CBORGenerator) g).writeFieldId(label.cbor);
    } else {
      g.writeFieldName(label.json);
    }
  }

  private void string(JsonGenerator g, SenmlLabel label, String value) throws IOException {
    if (value != null) {
      label(g, label);
      g.writeString(value);
    }
  }

  private void number(JsonGenerator g, SenmlLabel label, Double value) throws IOException {
    if (value != null) {
      label(g, label);
      writeNumber(g, value);
    }
  }

  private void writeNumber(JsonGenerator g, double d) throws IOException {
    boolean negativeZero = Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
    if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER && !negativeZero) {
      g.writeNumber((long) d);
    } else if (dialect == SenmlDialect.CBOR && (double) (float) d == d) {
      g.writeNumber((float) d);
    } else {
      g.writeNumber(d);
    }
  }
}
