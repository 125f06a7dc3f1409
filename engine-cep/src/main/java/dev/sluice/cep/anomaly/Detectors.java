package dev.sluice.cep.anomaly;

import java.util.Objects;

/**
 * The built-in detectors, with their defaults, and a factory for custom ones.
 *
 * <pre>{@code
 * Detectors.zScore().threshold(3.5)
 * Detectors.iqr().threshold(3)                       // "far out" fences
 * Detectors.isolationForest().trees(100).sampleSize(128)
 * Detectors.custom("above-p99", 1.0, 100, (window, x) -> ...)
 * }</pre>
 *
 * <p>Every detector is immutable and thread-safe; the methods that change a parameter return a
 * new detector and throw {@link IllegalArgumentException} for an out-of-range value.
 */
public final class Detectors {
  private Detectors() {}

  /** Z-score with threshold 3 standard deviations, scoring from 10 values on. */
  public static ZScoreDetector zScore() {
    return new ZScoreDetector(3.0, 10);
  }

  /** IQR with Tukey's {@code k = 1.5}, scoring from 10 values on. */
  public static IqrDetector iqr() {
    return new IqrDetector(1.5, 10);
  }

  /**
   * Isolation forest: 50 trees, sample size 64, retrained every 64 values, threshold 0.65, first
   * trained at 32 values.
   */
  public static IsolationForestDetector isolationForest() {
    return new IsolationForestDetector(50, 64, 64, 0.65, 32);
  }

  /**
   * A score computed from the window alone, by a pure function.
   *
   * @param method the method name written into anomalies
   * @param threshold a value is anomalous when its score exceeds it
   * @param minValues the fewest values the window must hold to score, at least 1
   * @param score the score of a value against the window (NaN: not scored); called on the
   *     operator's thread, must be thread-safe if it is shared and must not keep the window
   * @throws IllegalArgumentException if {@code method} is blank, {@code threshold} is NaN or
   *     {@code minValues < 1}
   */
  public static Detector<Void> custom(
      String method, double threshold, int minValues, ScoreFunction score) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(score, "score");
    if (method.isBlank()) {
      throw new IllegalArgumentException("a detector's method name must not be blank");
    }
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("detector '" + method + "': threshold is NaN");
    }
    if (minValues < 1) {
      throw new IllegalArgumentException(
          "detector '" + method + "': minValues must be at least 1, was " + minValues);
    }
    return new Detector<>() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public double threshold() {
        return threshold;
      }

      @Override
      public int minValues() {
        return minValues;
      }

      @Override
      public Void newModel(long seed, RecentValues window) {
        return null;
      }

      @Override
      public double score(Void model, RecentValues window, double value) {
        return score.score(window, value);
      }

      @Override
      public String modelFormatId() {
        return "sluice.cep.stateless";
      }

      @Override
      public String toString() {
        return "Detector[" + method + ", threshold=" + threshold + "]";
      }
    };
  }

  /** Scores a value against a window, for {@link #custom}. */
  @FunctionalInterface
  public interface ScoreFunction {
    /**
     * The score of {@code value} against {@code window} (which does not hold it), or NaN.
     *
     * @param window the key's recent values, valid during this call only
     * @param value the new value
     */
    double score(RecentValues window, double value);
  }
}
