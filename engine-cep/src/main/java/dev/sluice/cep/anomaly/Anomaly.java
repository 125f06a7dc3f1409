package dev.sluice.cep.anomaly;

/**
 * What a detector reports about one value of one key: the value, its score against the key's
 * window of recent values, the threshold the score was compared with, and the detector's method.
 *
 * <p>A detection stage built with {@link AnomalyDetection#detect} emits only records whose
 * {@code anomalous} flag is set; one built with {@link AnomalyDetection#scores} emits a record for
 * every value the detector could score (the flag tells which ones crossed the threshold).
 *
 * @param key the key (sensor, account, host) the value belongs to
 * @param timestamp the event time of the value
 * @param value the value that was scored
 * @param score its score; the unit depends on the method (standard deviations for z-score, IQRs
 *     beyond the quartiles for IQR, the isolation-forest score in (0, 1])
 * @param threshold the detector's threshold
 * @param method the detector's method name ({@code "z-score"}, {@code "iqr"}, {@code
 *     "isolation-forest"} or a custom detector's)
 * @param anomalous whether {@code score} crossed {@code threshold}
 * @param <K> the key type
 */
public record Anomaly<K>(
    K key,
    long timestamp,
    double value,
    double score,
    double threshold,
    String method,
    boolean anomalous) {}
