package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rejections: each names the format, the exact location and what is wrong. */
class SenmlValidationTest {

  private final SenmlCodec json = SenmlCodec.json();
  private final SenmlCodec cbor = SenmlCodec.cbor();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // name rules (RFC 8428 §4.5.1), after concatenation
        "[{'n':'a b','v':1}]                               | $[0].n    | invalid character ' ' at index 1",
        "[{'n':'-a','v':1}]                                | $[0].n    | must start with a letter or digit, found '-'",
        "[{'bn':'dev 1/','n':'x','v':1}]                   | $[0].bn   | invalid character ' ' at index 3",
        "[{'bn':'dev#','bt':1.5e9},{'n':'x','v':1}]        | $[0].bn   | (base name applied to $[1])",
        "[{'bn':'d:'},{'n':'ok','v':1},{'n':'x\u00e9','v':2}] | $[2].n | invalid character U+00E9 at index 3",
        "[{'v':1}]                                         | $[0]      | record has no name",
        "[{'n':'','v':1}]                                  | $[0].n    | name is empty",
        // values (§4.2)
        "[{'n':'a','v':1,'vs':'x'}]                        | $[0].vs   | exactly one value field; it has both 'v' and 'vs'",
        "[{'n':'a','vb':true,'vd':'aGk'}]                  | $[0].vd   | both 'vb' and 'vd'",
        "[{'n':'a','v':1},{'n':'b','u':'W'}]               | $[1]      | needs a value",
        // bv and bs are worded alike (RFC 8428 §4.1): neither replaces the record's own v or s
        "[{'n':'a','bv':1}]                                | $[0]      | needs a value",
        "[{'n':'a','bs':1}]                                | $[0]      | needs a value",
        "[{'bv':1},{'n':'a'}]                              | $[1]      | does not replace them",
        "[{'bs':1},{'n':'a'}]                              | $[1]      | does not replace them",
        "[{'bn':'d:','bs':2,'bv':3,'t':1}]                 | $[0]      | needs a value",
        "[{'n':'a','v':1,'ut':-1}]                         | $[0].ut   | must not be negative",
        // extensibility (§4.4)
        "[{'n':'a','v':1},{'n':'b','v':1,'foo_':1}]        | $[1].foo_ | must be understood",
        "[{'n':'a','v':1,'x':[1]}]                         | $[0].x    | must have a string, number or boolean value, found an array",
        "[{'n':'a','v':1,'x y':1}]                         | $[0].x y  | invalid character ' '",
        "[{'n':'a','v':1,'42':1}]                          | $[0].42   | looks like an integer",
        // versions
        "[{'bver':11,'n':'a','v':1}]                       | $[0].bver | newer than the supported version 10",
        "[{'bver':0,'n':'a','v':1}]                        | $[0].bver | positive integer",
        "[{'bver':5,'n':'a','v':1},{'bver':6,'n':'b','v':1}] | $[1].bver | $[0].bver is 5, this record declares 6",
        "[{'n':'a','v':1},{'bver':5,'n':'b','v':1}]        | $[1].bver | used the default version 10",
        "[{'bver':1.5,'n':'a','v':1}]                      | $[0].bver | must be an integer",
        // types
        "[{'n':1,'v':1}]                                   | $[0].n    | expected a string, found a number",
        "[{'n':'a','v':'1'}]                               | $[0].v    | expected a number, found a string",
        "[{'n':'a','v':null}]                              | $[0].v    | expected a number, found null",
        "[{'n':'a','vb':1}]                                | $[0].vb   | expected a boolean, found a number",
        "[{'n':'a','vd':'a+b/'}]                           | $[0].vd   | invalid character '+' at index 1",
        "[{'n':'a','vd':'abcde'}]                          | $[0].vd   | bad length 5",
        "[{'n':'a','v':1,'v':2}]                           | $[0].v    | duplicate field 'v'",
        "[{'n':'a','v':1e400}]                             | $[0].v    | must be finite",
        // structure
        "{'n':'a','v':1}                                   | $         | must be an array of records, found an object",
        "[]                                                | $         | at least one record",
        "[{'n':'a','v':1},2]                               | $[1]      | a record must be an object, found a number",
      })
  void rejectsJsonWithExactLocation(String input, String location, String reason) {
    assertRejected(() -> json.decode(bytes(input)), "senml-json", location, reason);
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    String input = "[\n  {\"n\":\"a\",\"v\":1},\n  {\"n\":\"b\" \"v\":2}\n]";

    assertRejected(() -> json.decode(bytes(input)), "senml-json", "line 3, column 12", "in record $[1]");
  }

  @Test
  void trailingGarbageIsASyntaxError() {
    assertRejected(
        () -> json.decode(bytes("[{'n':'a','v':1}] [")), "senml-json", "line 1, column 19", "after the end");
  }

  @Test
  void validPacksAreAccepted() {
    assertThatCode(
            () ->
                json.decode(
                    bytes(
                        "[{'bn':'dev:'},{'n':'a','s':3},{'bs':1,'n':'b','s':0},{'bv':1,'n':'b2','v':0},"
                            + "{'bv':2},{'bs':2},{'n':'b3','vs':'x'},"
                            + "{'bver':10,'n':'c','vd':'aGk='},{'n':'d','v':1,'l':'x','b1':true}]")))
        .doesNotThrowAnyException();
  }

  @Test
  void limitsAreEnforcedWithTheLimitNamed() {
    PayloadLimits small = new PayloadLimits(64, 2, 8, 5, 4);
    SenmlCodec limited = SenmlCodec.json(small);

    assertRejected(
        () -> limited.decode(bytes("[{'n':'a','v':1},{'n':'b','v':1},{'n':'c','v':1}]")),
        "senml-json", "$[2]", "maxRecords");
    assertRejected(
        () -> limited.decode(bytes("[{'n':'abcdef','v':1}]")),
        "senml-json", "$[0].n", "maxStringLength");
    assertRejected(
        () -> limited.decode(bytes("[{'n':'a','v':1,'abcde':1}]")),
        "senml-json", "$[0]", "maxLabelNameLength");
    assertRejected(
        () -> limited.decode(new byte[65]), "senml-json", "byte 64", "maxInputBytes");
    SenmlCodec shallow = SenmlCodec.json(new PayloadLimits(1024, 10, 1, 64, 64));
    assertRejected(
        () -> shallow.decode(bytes("[{'n':'a','v':1}]")),
        "senml-json", "line 1, column 3", "nesting depth");
  }

  @Test
  void cborRejectsWithLocations() throws IOException {
    assertRejected(
        () -> cbor.decode(cborRecord(g -> {
          g.writeFieldId(0);
          g.writeString("a");
          g.writeFieldId(9);
          g.writeNumber(1);
        })),
        "senml-cbor", "$[0]", "unknown CBOR integer label 9");
    assertRejected(
        () -> cbor.decode(cborRecord(g -> {
          g.writeFieldName("n");
          g.writeString("a");
        })),
        "senml-cbor", "$[0].n", "must use its CBOR integer label 0");
    assertRejected(
        () -> cbor.decode(cborRecord(g -> {
          g.writeFieldId(0);
          g.writeString("a");
          g.writeFieldId(8);
          g.writeString("aGk");
        })),
        "senml-cbor", "$[0].vd", "must be a CBOR byte string, found a string");
    assertRejected(
        () -> cbor.decode(cborRecord(g -> {
          g.writeFieldId(0);
          g.writeString("a");
          g.writeFieldId(2);
          g.writeNumber(Double.NaN);
        })),
        "senml-cbor", "$[0].v", "must be finite");
    assertRejected(
        () -> cbor.decode(new byte[] {(byte) 0x81, (byte) 0xa1, 0x00}),
        "senml-cbor", "byte 3", "end-of-input");
  }

  @Test
  void encodeRefusesInvalidPacks() {
    SenmlPack pack = SenmlPack.of(SenmlRecord.builder().name("a b").value(1.0).build());

    assertRejected(() -> json.encode(pack), "senml-json", "$[0].n", "invalid character");
    assertRejected(() -> SenmlValidator.validate(pack), "senml", "$[0].n", "invalid character");
  }

  @Test
  void recordRejectsExtensionsThatShadowRfcLabels() {
    assertThatThrownBy(() -> SenmlRecord.builder().extension("bn", "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bn' is an RFC 8428 field");
    assertThatThrownBy(() -> SenmlRecord.builder().extension("x", 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("String, Double or Boolean");
  }

  interface CborBody {
    void write(CBORGenerator g) throws IOException;
  }

  private static byte[] cborRecord(CborBody body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
      g.writeStartArray();
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  static void assertRejected(ThrowingCallable call, String format, String location, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> {
              assertThat(e.format()).isEqualTo(format);
              assertThat(e.location()).isEqualTo(location);
              assertThat(e.reason()).contains(reason);
              assertThat(e.getMessage()).isEqualTo(format + ": " + location + ": " + e.reason());
            });
  }

  /** JSON written with single quotes for readability. */
  static byte[] bytes(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}
