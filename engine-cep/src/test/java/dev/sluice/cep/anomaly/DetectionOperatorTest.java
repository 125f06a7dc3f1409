package dev.sluice.cep.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.cep.anomaly.internal.DetectionOperator;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The detection operator driven by the core's harness: outputs, restores, rescaling, cleanup. */
class DetectionOperatorTest {

  static <M> Supplier<KeyedOperator<String, Reading, Anomaly<String>>> operator(
      Detector<M> detector, DetectionWindow window, boolean all) {
    return () ->
        new DetectionOperator<String, Reading, M>(
            (e, out) -> out[0] = e.value(), 1, detector, window, 7L, all,
            AnomalyDetection.LATE_EVENTS);
  }

  static OperatorTestHarness<Reading, Anomaly<String>> harness(
      Supplier<KeyedOperator<String, Reading, Anomaly<String>>> op) {
    return OperatorTestHarness.forKeyedOperator(Reading::sensor, op);
  }

  @Test
  void zScoreFlagsAValueFarFromTheWindowMean() {
    // window 10, 10, 10, 12 (mean 10.5, sample sd 1): 16 is 5.5 sd away, 11 is 0.5 away
    Detector<?> z = Detectors.zScore().minValues(4);
    harness(operator(z, DetectionWindow.lastValues(4), false))
        .event(new Reading("a", 1, 10), 1).expectNothing()
        .event(new Reading("a", 2, 10), 2).expectNothing()
        .event(new Reading("a", 3, 10), 3).expectNothing()
        .event(new Reading("a", 4, 12), 4).expectNothing()
        .snapshotAndRestore()
        .event(new Reading("a", 5, 16), 5)
        .expect(List.of(Emitted.event(new Anomaly<>("a", 5, 16, 5.5, 3.0, "z-score", true), 5)))
        // window now 10, 10, 12, 16: mean 12, sd sqrt(8) -> 11 scores 0.35
        .event(new Reading("a", 6, 11), 6).expectNothing()
        .event(new Reading("b", 6, 11), 6).expectNothing()
        .end()
        .verify();
  }

  @Test
  void scoresModeEmitsEveryScoredValueWithItsFlag() {
    Detector<?> z = Detectors.zScore().minValues(2);
    var out =
        harness(operator(z, DetectionWindow.lastValues(3), true))
            .event(new Reading("a", 1, 1), 1).expectNothing()
            .event(new Reading("a", 2, 3), 2).expectNothing() // one value: not scored
            .event(new Reading("a", 3, 2), 3)
            .expect(List.of(Emitted.event(new Anomaly<>("a", 3, 2, 0.0, 3.0, "z-score", false), 3)))
            .verify();
    assertThat(out).hasSize(3);
  }

  @Test
  void iqrUsesTukeyFencesOnInterpolatedQuartiles() {
    // window 1..8: Q1 = 2.75, Q3 = 6.25, IQR 3.5; 13 is (13 - 6.25) / 3.5 = 1.9286 IQRs above
    Detector<?> iqr = Detectors.iqr().minValues(8);
    OperatorTestHarness<Reading, Anomaly<String>> h =
        harness(operator(iqr, DetectionWindow.lastValues(8), false));
    for (int i = 1; i <= 8; i++) {
      h.event(new Reading("k", i, i), i).expectNothing();
    }
    h.rescale(3)
        .event(new Reading("k", 9, 13), 9)
        .expect(
            List.of(
                Emitted.event(
                    new Anomaly<>("k", 9, 13, (13 - 6.25) / 3.5, 1.5, "iqr", true), 9)))
        .event(new Reading("k", 10, 5), 10).expectNothing()
        .verify();
  }

  @Test
  void timeWindowReleasesEveryKeyAfterTheFinalWatermark() {
    Detector<?> z = Detectors.zScore().minValues(2);
    DetectionWindow w = DetectionWindow.lastDuration(Duration.ofMillis(10), 100);
    harness(operator(z, w, false))
        .event(new Reading("a", 0, 0), 0).expectNothing()
        .event(new Reading("b", 1, 1), 1).expectNothing()
        .event(new Reading("a", 2, 2), 2).expectNothing()
        .event(new Reading("a", 3, 4), 3).expectNothing()
        .rescale(2)
        .event(new Reading("a", 4, 100), 4)
        .expect(
            List.of(
                Emitted.event(
                    new Anomaly<>("a", 4, 100, 49.0, 3.0, "z-score", true), 4))) // mean 2, sd 2
        // at 15, the values up to 5 left the window: one value left, nothing scored
        .event(new Reading("a", 15, 100), 15).expectNothing()
        .watermark(20)
        .expectNothing()
        .end()
        .expectNoState()
        .verify();
  }

  @Test
  void timeWindowKeyStateIsReleasedOnceTheWatermarkPassesItsNewestValuePlusTheSpan() {
    DetectionWindow w = DetectionWindow.lastDuration(Duration.ofMillis(10), 100);
    harness(operator(Detectors.zScore(), w, false))
        .event(new Reading("a", 0, 1), 0).expectNothing()
        .event(new Reading("a", 8, 1), 8).expectNothing()
        .watermark(10).expectNothing() // the timer at 10 re-arms for 18
        .watermark(18).expectNothing()
        .expectNoState()
        .verify();
  }

  @Test
  void isolationForestIsDeterministicAcrossRestoresAndRescales() {
    Detector<?> f = Detectors.isolationForest().trees(10).sampleSize(16).retrainEvery(8).minValues(16);
    OperatorTestHarness<Reading, Anomaly<String>> h =
        harness(operator(f, DetectionWindow.lastValues(32), true));
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      String key = "s" + (i % 3);
      double v = i % 17 == 16 ? 50 + r.nextDouble() : r.nextGaussian();
      h.event(new Reading(key, i, v), i);
      if (i == 30) {
        h.rescale(4);
      }
      if (i == 45) {
        h.rescale(1);
      }
    }
    List<List<Emitted<Anomaly<String>>>> out = h.end().verify();
    List<Anomaly<String>> scored = new ArrayList<>();
    out.forEach(step -> step.forEach(e -> {
      if (e instanceof Emitted.Event<Anomaly<String>> ev) {
        scored.add(ev.value());
      }
    }));
    // each key's forest is trained at its 16th value: 3 keys x (20 - 16) scored values
    assertThat(scored).hasSize(12);
    assertThat(scored).allSatisfy(a -> assertThat(a.score()).isBetween(0.0, 1.0));
  }

  @Test
  void nonFiniteValueIsAnErrorNamingKeyAndTime() {
    assertThatThrownBy(
            () ->
                harness(operator(Detectors.zScore(), DetectionWindow.lastValues(5), false))
                    .event(new Reading("a", 3, Double.NaN), 3)
                    .verify())
        .hasMessageContaining("key a at 3 is NaN");
  }

  @Test
  void timeWindowNeedsEventTime() {
    DetectionWindow w = DetectionWindow.lastDuration(Duration.ofMillis(10), 100);
    assertThatThrownBy(
            () ->
                harness(operator(Detectors.zScore(), w, false))
                    .event(new Reading("a", 3, 1), Long.MIN_VALUE)
                    .verify())
        .hasMessageContaining("has no timestamp");
  }

  @Test
  void customDetectorScoresAgainstTheWindow() {
    Detector<Void> aboveMax =
        Detectors.custom(
            "above-max",
            0,
            2,
            (window, x) -> {
              double max = Double.NEGATIVE_INFINITY;
              for (int i = 0; i < window.size(); i++) {
                max = Math.max(max, window.value(i));
              }
              return x - max;
            });
    harness(operator(aboveMax, DetectionWindow.lastValues(2), false))
        .event(new Reading("a", 1, 5), 1).expectNothing()
        .event(new Reading("a", 2, 3), 2).expectNothing()
        .event(new Reading("a", 3, 4), 3).expectNothing() // max(5, 3) = 5
        .event(new Reading("a", 4, 4.5), 4) // window 3, 4
        .expect(List.of(Emitted.event(new Anomaly<>("a", 4, 4.5, 0.5, 0.0, "above-max", true), 4)))
        .verify();
  }

  @Test
  void configurationErrorsSayWhatIsWrong() {
    assertThatThrownBy(() -> Detectors.zScore().threshold(-1)).hasMessageContaining("threshold");
    assertThatThrownBy(() -> Detectors.iqr().minValues(2)).hasMessageContaining("at least 4");
    assertThatThrownBy(() -> Detectors.isolationForest().threshold(1.5))
        .hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> Detectors.isolationForest().sampleSize(1))
        .hasMessageContaining("sample size");
    assertThatThrownBy(() -> DetectionWindow.lastValues(0)).hasMessageContaining("count window");
    assertThatThrownBy(() -> DetectionWindow.lastDuration(Duration.ZERO, 5))
        .hasMessageContaining("span");
    assertThatThrownBy(() -> Detectors.custom(" ", 1, 1, (w, x) -> 0))
        .hasMessageContaining("blank");
  }
}
