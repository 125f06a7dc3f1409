package dev.sluice.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Descriptors through the public API: validation, and map state restored and rescaled. */
class StateDescriptorsTest {

  @Test
  void everyDescriptorRejectsABlankNameAndMissingCodecsNamingTheState() {
    StateCodec<Long> c = StateCodecs.longs();
    assertThatThrownBy(() -> ValueStateDescriptor.of(" ", c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state name must not be blank");
    assertThatThrownBy(() -> ValueStateDescriptor.of(null, c))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("state name");
    assertThatThrownBy(() -> ValueStateDescriptor.of("v", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("codec of state 'v'");
    assertThatThrownBy(() -> new MapStateDescriptor<>("m", null, c))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user-key codec of state 'm'");
    assertThatThrownBy(() -> new MapStateDescriptor<Long, Long>("m", c, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("value codec of state 'm'");
    assertThatThrownBy(() -> NamespacedStateDescriptor.of("n", null, c))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("namespace codec of state 'n'");
    assertThatThrownBy(() -> new ListStateDescriptor<Long>("", c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BroadcastStateDescriptor<Long, Long>("b", null, c))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key codec of state 'b'");
  }

  @Test
  void withInitialReturnsACopyAndLeavesTheOriginalWithout() {
    ValueStateDescriptor<Long> plain = ValueStateDescriptor.of("v", StateCodecs.longs());
    ValueStateDescriptor<Long> initial = plain.withInitial(() -> 7L);
    assertThat(plain.initial()).isNull();
    assertThat(initial.initial().get()).isEqualTo(7L);
    assertThat(initial.name()).isEqualTo("v");
    NamespacedStateDescriptor<Long, long[]> ns =
        NamespacedStateDescriptor.of("n", StateCodecs.longs(), StateCodecs.longArrays());
    assertThat(ns.withInitial(() -> new long[1]).initial()).isNotNull();
    assertThat(ns.initial()).isNull();
  }

  record Click(String user, String page) {}

  /** Per user, counts clicks per page in map state; emits "user/page=count". */
  static final class PageCounts implements KeyedOperator<String, Click, String> {
    private MapState<String, String, Long> counts;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      counts =
          context.mapState(
              new MapStateDescriptor<>("pages", StateCodecs.strings(), StateCodecs.longs()));
    }

    @Override
    public void onEvent(String user, Click c, long timestamp, Output<String> output) {
      Long n = counts.get(user, c.page());
      long next = n == null ? 1 : n + 1;
      counts.put(user, c.page(), next);
      output.emit(user + "/" + c.page() + "=" + next + " of " + counts.size(user));
    }

    @Override
    public void onEnd(Output<String> output) {}
  }

  @Test
  void mapStateSurvivesSnapshotsAndRescaling() {
    OperatorTestHarness.forKeyedOperator(Click::user, PageCounts::new)
        .event(new Click("ann", "home"), 1)
        .event(new Click("bob", "home"), 2)
        .event(new Click("ann", "cart"), 3)
        .expect(List.of(Emitted.event("ann/cart=1 of 2", 3)))
        .rescale(3)
        .event(new Click("ann", "home"), 4)
        .expect(List.of(Emitted.event("ann/home=2 of 2", 4)))
        .snapshotAndRestore()
        .event(new Click("bob", "home"), 5)
        .expect(List.of(Emitted.event("bob/home=2 of 1", 5)))
        .rescale(1)
        .event(new Click("bob", "pay"), 6)
        .expect(List.of(Emitted.event("bob/pay=1 of 2", 6)))
        .verify();
  }

  /** Reads value state without an initial supplier with getOrCreate. */
  static final class NoInitial implements KeyedOperator<String, String, String> {
    private KeyedState<String, Long> state;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      state = context.state(ValueStateDescriptor.of("totals", StateCodecs.longs()));
    }

    @Override
    public void onEvent(String key, String event, long timestamp, Output<String> output) {
      output.emit(key + state.getOrCreate(key));
    }
  }

  @Test
  void getOrCreateWithoutAnInitialSupplierFailsNamingTheState() {
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator((String s) -> s, NoInitial::new)
                    .event("a", 1)
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("IllegalStateException")
        .hasMessageContaining("totals");
  }

  /** Registers one name twice with different kinds. */
  static final class TwoKinds implements KeyedOperator<String, String, String> {
    @Override
    public void open(KeyedOperatorContext<String> context) {
      context.state(ValueStateDescriptor.of("same", StateCodecs.longs()));
      context.mapState(new MapStateDescriptor<>("same", StateCodecs.strings(), StateCodecs.longs()));
    }

    @Override
    public void onEvent(String key, String event, long timestamp, Output<String> output) {}
  }

  @Test
  void oneNameWithTwoKindsIsRejectedNamingTheState() {
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator((String s) -> s, TwoKinds::new)
                    .event("a", 1)
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("open failed")
        .hasMessageContaining("'same'");
  }
}
