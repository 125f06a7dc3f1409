package dev.sluice.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tries, seeds, the failure report and the system properties that steer a run. */
class SeededRunsTest {
  private static final List<String> PROPERTIES =
      List.of(SeededRuns.SEED_PROPERTY, SeededRuns.TRIES_PROPERTY, SeededRuns.TRY_PROPERTY);

  private final List<String> saved = new ArrayList<>();

  @BeforeEach
  void clearProperties() {
    for (String p : PROPERTIES) {
      saved.add(System.getProperty(p));
      System.clearProperty(p);
    }
  }

  @AfterEach
  void restoreProperties() {
    for (int i = 0; i < PROPERTIES.size(); i++) {
      if (saved.get(i) == null) {
        System.clearProperty(PROPERTIES.get(i));
      } else {
        System.setProperty(PROPERTIES.get(i), saved.get(i));
      }
    }
  }

  @Test
  void runsEveryTryScaledByTheTriesFactor() {
    AtomicInteger count = new AtomicInteger();
    SeededRuns.run(37, g -> count.incrementAndGet());
    assertThat(count).hasValue(37);

    System.setProperty(SeededRuns.TRIES_PROPERTY, "2.5");
    count.set(0);
    SeededRuns.forAll(37, Generator::anyInt, x -> count.incrementAndGet());
    assertThat(count).hasValue(93);

    System.setProperty(SeededRuns.TRIES_PROPERTY, "0.001");
    count.set(0);
    SeededRuns.run(37, g -> count.incrementAndGet());
    assertThat(count).as("at least one try").hasValue(1);
  }

  @Test
  void theSameBaseSeedGivesTheSameInputsAndAnotherGivesOthers() {
    List<Long> first = new ArrayList<>();
    List<Long> again = new ArrayList<>();
    List<Long> other = new ArrayList<>();
    SeededRuns.forAll(20, Generator::anyLong, first::add);
    SeededRuns.forAll(20, Generator::anyLong, again::add);
    System.setProperty(SeededRuns.SEED_PROPERTY, "0x2a");
    SeededRuns.forAll(20, Generator::anyLong, other::add);

    assertThat(again).isEqualTo(first);
    assertThat(other).hasSize(20).isNotEqualTo(first);
    assertThat(new java.util.HashSet<>(first)).hasSizeGreaterThan(15);
    assertThat(SeededRuns.trySeed(42, "A#b", 3)).isEqualTo(SeededRuns.trySeed(42, "A#b", 3))
        .isNotEqualTo(SeededRuns.trySeed(42, "A#b", 4))
        .isNotEqualTo(SeededRuns.trySeed(42, "A#c", 3))
        .isNotEqualTo(SeededRuns.trySeed(43, "A#b", 3));
  }

  @Test
  void aFailureNamesTryAndSeedQuotesTheInputAndReplaysAlone() {
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                SeededRuns.forAll(
                    1000,
                    g -> g.intBetween(0, 100_000),
                    x -> assertThat(x).as("x").isLessThan(90_000)));

    String message = failure.getMessage();
    Matcher m = Pattern.compile("failed on try (\\d+) \\(tries numbered 0 to 999\\)").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    int tryIndex = Integer.parseInt(m.group(1));
    Matcher in = Pattern.compile("input: +(\\d+)").matcher(message);
    assertThat(in.find()).as(message).isTrue();
    int input = Integer.parseInt(in.group(1));
    assertThat(input).isGreaterThanOrEqualTo(90_000);
    assertThat(message)
        .contains("Property SeededRunsTest#aFailureNamesTryAndSeedQuotesTheInputAndReplaysAlone")
        .contains("sluice.seed=0x5eed202611220001")
        .contains(
            "mvn -B -pl engine-test-support -am test -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dtest='SeededRunsTest#aFailureNamesTryAndSeedQuotesTheInputAndReplaysAlone'"
                + " -Dsluice.seed=0x5eed202611220001 -Dsluice.try=" + tryIndex)
        .contains("[x]");
    assertThat(failure.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("[x]");

    // the command's properties replay exactly that try, and only it
    System.setProperty(SeededRuns.SEED_PROPERTY, "0x5eed202611220001");
    System.setProperty(SeededRuns.TRY_PROPERTY, Integer.toString(tryIndex));
    List<Integer> replayed = new ArrayList<>();
    AssertionError again =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                SeededRuns.forAll(
                    1000,
                    g -> g.intBetween(0, 100_000),
                    x -> {
                      replayed.add(x);
                      assertThat(x).as("x").isLessThan(90_000);
                    }));
    assertThat(replayed).containsExactly(input);
    assertThat(again.getMessage()).contains("failed on try " + tryIndex + " ");
  }

  @Test
  void runReportsThatTheInputWasDrawnInsideAndKeepsTheCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> SeededRuns.run(5, g -> {
          throw boom;
        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed on try 0 ")
        .hasMessageContaining("input:   drawn inside the property")
        .hasMessageContaining("failure: java.lang.IllegalStateException: boom")
        .hasCause(boom);
  }

  @Test
  void edgeCasesRunFirstEveryRunAndAreReportedAsSuch() {
    List<Integer> seen = new ArrayList<>();
    SeededRuns.forAll(5, List.of(-1, Integer.MAX_VALUE), g -> g.intBetween(0, 9), seen::add);
    assertThat(seen).hasSize(7).startsWith(-1, Integer.MAX_VALUE);
    assertThat(seen.subList(2, 7)).allSatisfy(x -> assertThat(x).isBetween(0, 9));

    assertThatThrownBy(
            () ->
                SeededRuns.forAll(
                    5, List.of(3, -7), g -> 1, x -> assertThat(x).isPositive()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed on edge case 1 (edge cases numbered 0 to 1)")
        .hasMessageContaining("input:   -7")
        .hasMessageNotContaining("-Dsluice.try=")
        .hasMessageContaining("-Dtest='SeededRunsTest#edgeCasesRunFirstEveryRunAndAreReportedAsSuch'");

    System.setProperty(SeededRuns.TRY_PROPERTY, "2");
    seen.clear();
    SeededRuns.forAll(5, List.of(-1), g -> g.intBetween(0, 9), seen::add);
    assertThat(seen).as("a replayed try skips the edge cases").hasSize(1).doesNotContain(-1);
  }

  @Test
  void malformedSettingsAreRejectedBeforeAnyTry() {
    AtomicInteger count = new AtomicInteger();
    System.setProperty(SeededRuns.SEED_PROPERTY, "0xnope");
    assertThatThrownBy(() -> SeededRuns.run(3, g -> count.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dsluice.seed")
        .hasMessageContaining("0xnope");
    System.clearProperty(SeededRuns.SEED_PROPERTY);
    System.setProperty(SeededRuns.TRIES_PROPERTY, "-1");
    assertThatThrownBy(() -> SeededRuns.run(3, g -> count.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dsluice.tries");
    System.clearProperty(SeededRuns.TRIES_PROPERTY);
    System.setProperty(SeededRuns.TRY_PROPERTY, "x");
    assertThatThrownBy(() -> SeededRuns.run(3, g -> count.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dsluice.try");
    assertThatThrownBy(() -> SeededRuns.run(0, g -> count.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(count).hasValue(0);
  }

  @Test
  void randomSeedDrawsAFreshBaseSeedThatTheReportNames() {
    System.setProperty(SeededRuns.SEED_PROPERTY, "random");
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () -> SeededRuns.run(1, g -> assertThat(g.bool()).isNull()));
    assertThat(failure.getMessage()).containsPattern("sluice\\.seed=0x[0-9a-f]+, try seed");
  }
}
