package dev.sluice.scenario.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request template language: fields, built-ins, the json filter and encodings. */
class TemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Template.Values values(String payload) throws Exception {
    JsonNode n = JSON.readTree(payload);
    return new Template.Values(n, payload.getBytes(StandardCharsets.UTF_8), 7, 1_700_000_000_000L);
  }

  @Test
  void fillsFieldsNestedFieldsArrayItemsAndBuiltIns() throws Exception {
    Template t = Template.parse("body",
        "{{ name }}|{{a.b}}|{{items.1.id}}|{{$seq}}|{{$intendedEpochMillis}}|{{flag}}|{{obj}}");
    String out = t.render(values(
        "{\"name\":\"x y\",\"a\":{\"b\":2.5},\"items\":[{\"id\":1},{\"id\":\"two\"}],"
            + "\"flag\":true,\"obj\":{\"k\":[1]}}"), Template.Encoding.TEXT);
    assertThat(out).isEqualTo("x y|2.5|two|7|1700000000000|true|{\"k\":[1]}");
  }

  @Test
  void theJsonFilterQuotesAndEscapesStrings() throws Exception {
    Template t = Template.parse("body", "{\"n\": {{name|json}}, \"v\": {{v | json}}}");
    assertThat(t.render(values("{\"name\":\"a \\\"q\\\"\\n\",\"v\":3}"), Template.Encoding.TEXT))
        .isEqualTo("{\"n\": \"a \\\"q\\\"\\n\", \"v\": 3}");
  }

  @Test
  void urlValuesArePercentEncodedSoAPayloadCannotChangeTheUrlsShape() throws Exception {
    Template t = Template.parse("url", "http://h/d/{{name}}?q={{name}}");
    assertThat(t.render(values("{\"name\":\"../a b?c=1&d#e\"}"), Template.Encoding.URL))
        .isEqualTo("http://h/d/..%2Fa%20b%3Fc%3D1%26d%23e?q=..%2Fa%20b%3Fc%3D1%26d%23e");
  }

  @Test
  void aHeaderValueWithALineBreakIsRefused() throws Exception {
    Template t = Template.parse("header 'X'", "{{name}}");
    assertThatThrownBy(() -> t.render(values("{\"name\":\"a\\r\\nEvil: 1\"}"),
        Template.Encoding.HEADER))
        .isInstanceOf(Template.MissingFieldException.class)
        .hasMessageContaining("line break");
  }

  @Test
  void aMissingFieldIsReportedWithTheTemplateAndColumn() throws Exception {
    Template t = Template.parse("url", "http://h/{{a.c}}");
    assertThatThrownBy(() -> t.render(values("{\"a\":{\"b\":1}}"), Template.Encoding.URL))
        .hasMessage("url template, column 10: field 'a.c' is missing from payload 7");
    assertThat(t.unknownFields(JSON.readTree("{\"a\":{\"b\":1},\"z\":0}")))
        .containsExactly("url template, column 10: unknown field 'a.c'; the payload's fields:"
            + " [a, z]; built-ins: [$intendedEpochMillis, $payload, $seq]");
  }

  @Test
  void syntaxErrorsNameTheColumn() {
    assertThatThrownBy(() -> Template.parse("body", "ab {{x"))
        .hasMessage("body template, column 4: '{{' is not closed by '}}'");
    assertThatThrownBy(() -> Template.parse("body", "{{ }}"))
        .hasMessage("body template, column 1: empty placeholder");
    assertThatThrownBy(() -> Template.parse("body", "{{a..b}}"))
        .hasMessageContaining("body template, column 1: invalid field path 'a..b'");
    assertThatThrownBy(() -> Template.parse("body", "{{a {{b}}"))
        .hasMessageContaining("column 1: '{{' is not closed by '}}' before the next '{{'");
  }

  @Test
  void exactlyThePayloadBuiltInIsRecognisedAsRaw() {
    assertThat(Template.parse("body", "{{$payload}}").isRawPayload()).isTrue();
    assertThat(Template.parse("body", "{{ $payload }}").isRawPayload()).isTrue();
    assertThat(Template.parse("body", "x{{$payload}}").isRawPayload()).isFalse();
    assertThat(Template.parse("body", "{{$payload|json}}").isRawPayload()).isFalse();
    assertThat(Template.parse("body", "{{$payload}}").usesFields()).isFalse();
    assertThat(Template.parse("body", "{{a}}").usesFields()).isTrue();
  }
}
