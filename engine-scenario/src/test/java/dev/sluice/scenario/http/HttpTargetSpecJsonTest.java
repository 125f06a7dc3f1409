package dev.sluice.scenario.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.scenario.journey.LoadPlan;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading HTTP targets from JSON: every field, and every mistake named by its JSON path. */
class HttpTargetSpecJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void readsEveryField() throws Exception {
    HttpTargetSpec s = HttpTargetSpecJson.parse(json("""
        {'type': 'http', 'name': 'orders', 'method': 'put',
         'url': 'http://127.0.0.1:8080/d/{{device}}',
         'headers': {'Content-Type': 'application/json', 'X-Seq': '{{$seq}}'},
         'body': '{\\\"v\\\": {{value|json}}}', 'timeoutMs': 1500,
         'success': {'status': ['200-204', 304], 'bodyContains': 'ok'},
         'maxInFlight': 12,
         'circuitBreaker': {'failureThreshold': 4, 'resetTimeoutMs': 2000,
                            'successesToClose': 2, 'whileOpen': 'wait'},
         'httpVersion': 'HTTP/2'}"""), "$.target");
    assertThat(s.name()).isEqualTo("orders");
    assertThat(s.method()).isEqualTo("PUT");
    assertThat(s.url()).isEqualTo("http://127.0.0.1:8080/d/{{device}}");
    assertThat(s.headers()).containsExactly(
        java.util.Map.entry("Content-Type", "application/json"),
        java.util.Map.entry("X-Seq", "{{$seq}}"));
    assertThat(s.body()).isEqualTo("{\"v\": {{value|json}}}");
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.successStatuses()).containsExactly(new StatusRange(200, 204), StatusRange.of(304));
    assertThat(s.isSuccessStatus(204)).isTrue();
    assertThat(s.isSuccessStatus(205)).isFalse();
    assertThat(s.successBodyContains()).isEqualTo("ok");
    assertThat(s.maxInFlight()).isEqualTo(12);
    assertThat(s.circuitBreaker().failureThreshold()).isEqualTo(4);
    assertThat(s.circuitBreaker().resetTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.circuitBreaker().successesToClose()).isEqualTo(2);
    assertThat(s.circuitBreaker().whileOpen()).isEqualTo(WhileOpen.WAIT);
    assertThat(s.httpVersion()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws Exception {
    HttpTargetSpec s = HttpTargetSpecJson.parse(json("{'url': 'http://localhost/x'}"), "$");
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.timeout()).isEqualTo(HttpTargetSpec.DEFAULT_TIMEOUT);
    assertThat(s.maxInFlight()).isEqualTo(HttpTargetSpec.DEFAULT_MAX_IN_FLIGHT);
    assertThat(s.successStatuses()).containsExactly(StatusRange.SUCCESSFUL);
    assertThat(s.circuitBreaker()).isNull();
    assertThat(s.httpVersion()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(s.sendsBody()).isTrue();
  }

  @Test
  void everyMistakeIsReportedWithItsPath() throws Exception {
    HttpTargetSpecException e = catchThrowableOfType(HttpTargetSpecException.class,
        () -> HttpTargetSpecJson.parse(json("""
            {'type': 'grpc', 'url': 5, 'timeoutMs': -5, 'maxInFlight': 0, 'methd': 'GET',
             'headers': {'X-A': 3}, 'success': {'status': ['2xx', 99], 'bodyContain': 'x'},
             'circuitBreaker': {'failureThreshold': 'five', 'whileOpen': 'drop'},
             'httpVersion': 'HTTP/3', 'onCapReached': 'queue'}"""), "$.target"));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "$.target.methd: unknown field; known fields: [body, circuitBreaker, headers, httpVersion,"
            + " maxInFlight, maxWaitMs, method, name, onCapReached, success, timeoutMs, type, url]",
        "$.target.type: must be \"http\", was \"grpc\"",
        "$.target.url: must be a string, was number 5",
        "$.target.headers.X-A: must be a string, was number 3",
        "$.target.timeoutMs: must not be negative, was -5",
        "$.target.maxInFlight: must be positive, was 0",
        "$.target.success.bodyContain: unknown field; known fields: [bodyContains, status]",
        "$.target.success.status[0]: a status range is a status (200) or two joined by '-'"
            + " (200-299), was '2xx'",
        "$.target.success.status[1]: a status range must lie within 100-599 with from <= to,"
            + " was 99-99",
        "$.target.circuitBreaker.failureThreshold: must be an integer, was the string \"five\"",
        "$.target.circuitBreaker.whileOpen: \"drop\" is not offered for HTTP targets (a dropped"
            + " request would not be counted); use \"fail_fast\" or \"wait\"",
        "$.target.httpVersion: must be \"HTTP/1.1\" or \"HTTP/2\", was \"HTTP/3\"",
        "$.target.onCapReached: must be \"wait\" or \"skip\", was \"queue\"");
    assertThat(e.getMessage()).startsWith("invalid HTTP target (13 problems):");
    assertThat(e.getMessage()).doesNotContain("Exception", "REDACTED");
  }

  @Test
  void aMissingUrlAndATemplateSyntaxErrorAreLocated() throws Exception {
    assertThatThrownBy(() -> HttpTargetSpecJson.parse(json("{'method': 'GET'}"), "$.target"))
        .isInstanceOf(HttpTargetSpecException.class)
        .hasMessage("invalid HTTP target: $.target.url: required (the URL to call, a template)");
    HttpTargetSpecException e = catchThrowableOfType(HttpTargetSpecException.class,
        () -> HttpTargetSpecJson.parse(json(
            "{'url': 'http://h/{{device', 'body': 'x {{value|upper}}',"
                + " 'headers': {'X-A': '{{$nope}}'}}"), "$.target"));
    assertThat(e.problems()).containsExactly(
        "$.target: url template, column 10: '{{' is not closed by '}}'",
        "$.target: header 'X-A' template, column 1: unknown built-in '$nope'; built-ins:"
            + " [$intendedEpochMillis, $payload, $seq]",
        "$.target: body template, column 3: unknown filter 'upper'; the only filter is 'json'");
  }

  @Test
  void theCapPolicyIsReadIntoAPlan() throws Exception {
    LoadPlan skip = HttpTargetSpecJson.capPolicy(json("{'onCapReached': 'skip', 'maxWaitMs': 250}"),
        "$.target", LoadPlan.builder(RateProfile.constant(10), Duration.ofSeconds(1))).build();
    assertThat(skip.onCapReached()).isEqualTo(LoadPlan.OnCapReached.SKIP);
    assertThat(skip.maxWait()).isEqualTo(Duration.ofMillis(250));
    LoadPlan wait = HttpTargetSpecJson.capPolicy(json("{}"), "$.target",
        LoadPlan.builder(RateProfile.constant(10), Duration.ofSeconds(1))).build();
    assertThat(wait.onCapReached()).isEqualTo(LoadPlan.OnCapReached.WAIT);
    assertThatThrownBy(() -> HttpTargetSpecJson.capPolicy(json("{'maxWaitMs': 5}"), "$.target",
        LoadPlan.builder(RateProfile.constant(10), Duration.ofSeconds(1))))
        .hasMessageContaining("$.target.maxWaitMs: only with \"onCapReached\": \"skip\"");
  }

  @Test
  void restrictedHeadersAndNonHttpUrlsAreRefusedByTheBuilder() {
    assertThatThrownBy(() -> HttpTargetSpec.builder("http://h/").header("Host", "x").build())
        .hasMessageContaining("header 'Host' is set by the HTTP client");
    assertThatThrownBy(() -> HttpTargetSpec.builder("ftp://h/{{a}}").build())
        .hasMessageContaining("url must be an absolute http:// or https:// URL");
    assertThat(List.of(HttpTargetSpec.builder("https://h/{{a}}/b").build().url()))
        .containsExactly("https://h/{{a}}/b");
  }
}
