package dev.sluice.cep.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.cep.correlate.internal.CorrelationInput;
import dev.sluice.cep.correlate.internal.CorrelationOperator;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The correlation operator in the core's harness: outputs, restores, rescaling, cleanup. */
class CorrelationOperatorTest {
  static final String[] STREAMS = {"login", "payment"};
  static final List<StateCodec<Object>> CODECS = List.of(StateCodecs.dynamic(), StateCodecs.dynamic());

  static OperatorTestHarness<CorrelationInput, CorrelatedSet<String>> harness(CompletionRule rule) {
    return OperatorTestHarness.forKeyedOperator(
        CorrelationInput::key,
        () -> new CorrelationOperator<String>(STREAMS, CODECS, 10, rule, Correlation.LATE_EVENTS));
  }

  static CorrelationInput login(String user, String what) {
    return new CorrelationInput(0, user, what);
  }

  static CorrelationInput payment(String user, String what) {
    return new CorrelationInput(1, user, what);
  }

  static CorrelatedEvent ev(String stream, String key, String what, long t) {
    return new CorrelatedEvent(stream, key, what, t);
  }

  @Test
  void windowCloseEmitsEachKeysSetOrderedByTimeThenStream() {
    harness(null)
        .event(payment("ann", "p1"), 5).expectNothing()
        .event(login("ann", "l1"), 5).expectNothing()
        .event(login("bob", "l2"), 3).expectNothing()
        .snapshotAndRestore()
        .event(login("ann", "l3"), 2).expectNothing()
        .event(payment("ann", "p2"), 12).expectNothing() // next window
        .rescale(3)
        .watermark(9)
        .expect(
            List.of(
                Emitted.event(
                    new CorrelatedSet<>(
                        "ann", 0, 10,
                        List.of(ev("login", "ann", "l3", 2), ev("login", "ann", "l1", 5), ev("payment", "ann", "p1", 5)),
                        false),
                    9),
                Emitted.event(new CorrelatedSet<>("bob", 0, 10, List.of(ev("login", "bob", "l2", 3)), false), 9),
                Emitted.watermark(9)))
        .event(login("ann", "late"), 9).expectNothing() // window [0, 10) closed: late, side output
        .end()
        .expect(
            List.of(
                Emitted.event(new CorrelatedSet<>("ann", 10, 20, List.of(ev("payment", "ann", "p2", 12)), false), 19),
                Emitted.watermark(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void aCompleteSetIsEmittedAtOnceAndLaterEventsStartANewOne() {
    harness(CompletionRule.allStreams())
        .event(login("ann", "l1"), 1).expectNothing()
        .snapshotAndRestore()
        .event(payment("ann", "p1"), 4)
        .expect(
            List.of(
                Emitted.event(
                    new CorrelatedSet<>(
                        "ann", 0, 10, List.of(ev("login", "ann", "l1", 1), ev("payment", "ann", "p1", 4)), true),
                    4)))
        .event(payment("ann", "p2"), 6).expectNothing()
        .end()
        .expect(
            List.of(
                Emitted.event(new CorrelatedSet<>("ann", 0, 10, List.of(ev("payment", "ann", "p2", 6)), false), 9),
                Emitted.watermark(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void stateIsReleasedWhenAllWindowsCloseWithoutAnEnd() {
    harness(null)
        .event(login("a", "x"), 1).expectNothing()
        .event(login("b", "y"), 15).expectNothing()
        .watermark(30)
        .expect(
            List.of(
                Emitted.event(new CorrelatedSet<>("a", 0, 10, List.of(ev("login", "a", "x", 1)), false), 9),
                Emitted.event(new CorrelatedSet<>("b", 10, 20, List.of(ev("login", "b", "y", 15)), false), 19),
                Emitted.watermark(30)))
        .expectNoState()
        .verify();
  }

  @Test
  void eventsWithoutTimestampsAndBadDeclarationsAreRejectedClearly() {
    assertThatThrownBy(() -> harness(null).event(login("a", "x"), Long.MIN_VALUE).verify())
        .hasMessageContaining("has no timestamp");
    Pipeline p = Pipeline.create();
    Stage<String> s = p.source(Sources.fromList("s", List.of("a")));
    assertThatThrownBy(() -> Correlation.of("x", s, v -> v).and("x", s, v -> v))
        .hasMessageContaining("'x' is declared twice");
    assertThatThrownBy(() -> Correlation.of("x", s, v -> v).window(Duration.ZERO))
        .hasMessageContaining("at least 1 ms");
    Stage<String> other = Pipeline.create().source(Sources.fromList("o", List.of("b")));
    assertThatThrownBy(() -> Correlation.of("x", s, v -> v).and("y", other, v -> v))
        .hasMessageContaining("another pipeline");
    assertThatThrownBy(() -> CompletionRule.atLeast(0)).hasMessageContaining("at least 1");
  }

  @Test
  void correlatedSetHelpersSelectByStream() {
    CorrelatedSet<String> set =
        new CorrelatedSet<>("k", 0, 10, List.of(ev("login", "k", "l", 1), ev("payment", "k", "p", 2)), false);
    assertThat(set.count("login")).isEqualTo(1);
    assertThat(set.eventsOf("payment", String.class)).containsExactly("p");
  }
}
