package dev.sluice.payloads.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.prometheus.Label;
import org.junit.jupiter.api.Test;

/** Label values with and without escapes (the escape-free values take a shortcut). */
class TextCursorTest {

  private static TextCursor cursor(String line, int maxValue) {
    return new TextCursor("openmetrics", line, 3, 64, maxValue);
  }

  @Test
  void valuesWithAndWithoutEscapesReadTheSame() {
    assertThat(cursor("{a=\"plain\",b=\"q\\\"x\\\\y\\nz\",c=\"\"}", 100).labels())
        .containsExactly(
            new Label("a", "plain"), new Label("b", "q\"x\\y\nz"), new Label("c", ""));
    assertThat(cursor("{a=\"back\\\\\"}", 100).labels()).containsExactly(new Label("a", "back\\"));
  }

  @Test
  void overlongValuesAreReportedAtTheFirstCharacterBeyondTheLimit() {
    // value starts at column 5; the 6th character is column 10, and the cursor is past it
    assertThatThrownBy(() -> cursor("{a=\"abcdefgh\"}", 5).labels())
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> {
              assertThat(e.location()).isEqualTo("line 3, column 11");
              assertThat(e.reason()).isEqualTo("label value longer than 5 characters");
            });
    assertThat(cursor("{a=\"abcde\"}", 5).labels()).containsExactly(new Label("a", "abcde"));
  }

  @Test
  void anUnclosedValueIsAnErrorEitherWay() {
    assertThatThrownBy(() -> cursor("{a=\"abc", 100).labels())
        .hasMessageContaining("label value is not closed");
    assertThatThrownBy(() -> cursor("{a=\"ab\\\"c", 100).labels())
        .hasMessageContaining("label value is not closed");
  }
}
