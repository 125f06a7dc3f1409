package dev.sluice.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on {@link PayloadFormatException}s: format, exact location, part of the reason. */
public final class Rejections {

  private Rejections() {}

  /**
   * Asserts that {@code call} throws a {@link PayloadFormatException} of {@code format} (any format
   * when null) at exactly {@code location} whose reason contains {@code reasonPart}.
   */
  public static void assertRejected(
      ThrowingCallable call, String format, String location, String reasonPart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> {
              if (format != null) {
                assertThat(e.format()).isEqualTo(format);
              }
              assertThat(e.location()).isEqualTo(location);
              assertThat(e.reason()).contains(reasonPart);
            });
  }
}
