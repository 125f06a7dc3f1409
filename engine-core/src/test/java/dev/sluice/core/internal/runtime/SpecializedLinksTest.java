package dev.sluice.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Per-chain copies of link classes: made once per shape, and behaving as the shared class. */
class SpecializedLinksTest {
  private static final MethodType MAP =
      MethodType.methodType(void.class, StageCounter.class, Function.class);

  /** Records what reaches it. */
  static final class Recorder extends Link {
    final List<Object> seen = new ArrayList<>();

    Recorder() {
      super(null);
    }

    @Override
    void onEvent(Object item, long timestamp) {
      seen.add(item);
    }
  }

  private static Link map(List<Object> shape, StageCounter c, Function<Object, Object> f) {
    return SpecializedLinks.create(StatelessLinks.MapLink.class, shape, MAP, c, f);
  }

  @Test
  void aShapeGetsItsOwnHiddenCopyThatMapsAndCounts() {
    Function<Object, Object> twice = x -> ((Integer) x) * 2;
    List<Object> shape = List.of("test-shape", twice.getClass());
    StageCounter counter = new StageCounter("map");
    Link link = map(shape, counter, twice);
    Recorder tail = new Recorder();
    link.next = tail;
    link.onEvent(1, 0);
    link.onEventTimed(2, 0);
    link.onEvent(3, 0);

    assertThat(tail.seen).containsExactly(2, 4, 6);
    assertThat(counter.in).isEqualTo(3);
    assertThat(counter.out()).isEqualTo(3);
    if (SpecializedLinks.ENABLED) {
      assertThat(link.getClass().isHidden()).isTrue();
      assertThat(link.getClass()).isNotEqualTo(StatelessLinks.MapLink.class);
      assertThat(link.getClass().getSuperclass()).isEqualTo(Link.class);
    }
  }

  @Test
  void theSameShapeReusesItsCopyAndAnotherShapeGetsAnother() {
    Function<Object, Object> id = x -> x;
    List<Object> shape = List.of("reuse-shape", id.getClass());
    Link a = map(shape, new StageCounter("a"), id);
    Link b = map(List.copyOf(shape), new StageCounter("b"), id);
    Link other = map(List.of("other-shape", id.getClass()), new StageCounter("c"), id);

    assertThat(b.getClass()).isEqualTo(a.getClass());
    if (SpecializedLinks.ENABLED) {
      assertThat(other.getClass()).isNotEqualTo(a.getClass());
    }
  }

  @Test
  void aFailingFunctionFollowsTheErrorPolicyInTheCopy() {
    Function<Object, Object> failing =
        x -> {
          throw new IllegalArgumentException("bad " + x);
        };
    StageCounter counter = new StageCounter("map");
    Link link = map(List.of("failing-shape", failing.getClass()), counter, failing);
    link.errors =
        new ErrorHandler(ErrorHandler.Kind.REPLACE, "r", counter, null, null, e -> {});
    Recorder tail = new Recorder();
    link.next = tail;
    link.onEvent("x", 0);

    assertThat(tail.seen).containsExactly("r");
    assertThat(counter.errors).isEqualTo(1);
  }
}
