package dev.sluice.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.cep.internal.Nfa;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mistakes in a pattern are refused at once, naming the step. */
class PatternApiTest {

  @Test
  void quantifiersApplyToSingleEventStepsOnce() {
    Pattern<String> p = Pattern.<String>begin("a").where(s -> s.startsWith("a"));
    assertThatThrownBy(() -> p.times(2).oneOrMore())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'a' already has");
    assertThatThrownBy(() -> p.greedy())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'a' is not a loop");
    assertThatThrownBy(() -> p.consecutive()).hasMessageContaining("not a loop");
    assertThatThrownBy(() -> p.until(s -> true)).hasMessageContaining("not a loop");
    assertThatThrownBy(() -> p.times(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.times(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.optional().optional()).hasMessageContaining("already optional");
    assertThatThrownBy(() -> p.notNext("n").times(2))
        .hasMessageContaining("NOT_NEXT step; quantifiers apply to single-event steps only");
    assertThatThrownBy(() -> Pattern.<String>beginAnyOf(Pattern.event("x"), Pattern.event("y"))
        .oneOrMore()).hasMessageContaining("ANY_OF");
  }

  @Test
  void namesAreUniqueAndNotBlank() {
    assertThatThrownBy(() -> Pattern.<String>begin("a").followedBy("a"))
        .hasMessageContaining("'a' is used twice");
    assertThatThrownBy(() -> Pattern.<String>begin(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Pattern.<String>beginAllOf(Pattern.event("x"))).hasMessageContaining(
        "at least two");
  }

  @Test
  void wholePatternChecksRunAtCompilation() {
    assertThatThrownBy(() -> Nfa.compile(Pattern.<String>begin("a").notFollowedBy("b")))
        .hasMessageContaining("negation 'b' may end a match")
        .hasMessageContaining("needs within");
    assertThatThrownBy(() -> Nfa.compile(
            Pattern.<String>begin("a").notFollowedBy("b").followedBy("c").optional()))
        .hasMessageContaining("needs within");
    assertThatThrownBy(() -> Nfa.compile(Pattern.<String>begin("a").optional()))
        .hasMessageContaining("requires no event");
    assertThatThrownBy(() -> Nfa.compile(Pattern.<String>begin("a")
            .afterMatch(AfterMatchSkipStrategy.skipToLast("zz"))))
        .hasMessageContaining("names no step");
    assertThatThrownBy(() -> Pattern.<String>begin("a").within(Duration.ZERO))
        .hasMessageContaining("at least 1 ms");
  }

  @Test
  void compilesLoopsAndConjunctionsToTheExpectedStates() {
    // start, a#1, b#1..b#3 (the third loops on itself)
    assertThat(Nfa.compile(Pattern.<String>begin("a").followedBy("b").timesOrMore(3))
        .stateCount()).isEqualTo(5);
    // start + the 2^3 - 1 non-empty subsets of a conjunction of three
    assertThat(Nfa.compile(Pattern.<String>beginAllOf(
        Pattern.event("x"), Pattern.event("y"), Pattern.event("z"))).stateCount()).isEqualTo(8);
  }

  @Test
  void patternsPrintReadably() {
    assertThat(Pattern.<String>begin("a").next("b").times(2, 3).greedy().notFollowedBy("c")
        .followedByAny("d").optional().within(Duration.ofSeconds(1)).toString())
        .isEqualTo("a next b{2,3} greedy !followedBy c followedByAny d? within 1000ms");
  }
}
