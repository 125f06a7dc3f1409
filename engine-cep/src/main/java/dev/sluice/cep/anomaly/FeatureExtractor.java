package dev.sluice.cep.anomaly;

/**
 * Extracts the features of an event for a multivariate detector ({@link
 * AnomalyDetection#ofFeatures}): writes them into an array the operator owns, so extracting
 * allocates nothing.
 *
 * <p><b>Threading:</b> shared by the stage's parallel instances: it must be thread-safe (pure).
 * <b>Failure:</b> an exception, or a NaN or infinite feature, follows the stage's error policy.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface FeatureExtractor<T> {

  /**
   * Writes the features of {@code event} into {@code out[0 .. out.length)}; {@code out} must not
   * be kept.
   */
  void features(T event, double[] out);
}
