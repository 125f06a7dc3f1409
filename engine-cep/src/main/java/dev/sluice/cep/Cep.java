package dev.sluice.cep;

import dev.sluice.core.KeyedStage;
import java.util.Objects;

/**
 * Entry point of pattern matching on a pipeline:
 *
 * <pre>{@code
 * CepStage<String, Txn, Alert> cep = Cep.on(txns.keyBy(Txn::account))
 *     .pattern(Pattern.<Txn>begin("login").where(Txn::isUsLogin)
 *         .followedBy("foreign").where(Txn::isForeignPayment)
 *         .within(Duration.ofMinutes(5)))
 *     .select((account, m) -> new Alert(account, m.first("login"), m.first("foreign")));
 * cep.matches().sink(alerts);
 * cep.timedOut().sink(...);   // optional
 * cep.late().sink(...);       // optional
 * }</pre>
 *
 * <p>The input needs event time ({@code withTimestamps} upstream): each key's events are matched
 * in event-time order once the watermark passes them. See {@code docs/cep.md}.
 */
public final class Cep {
  private Cep() {}

  /**
   * Starts describing a CEP stage over {@code events}.
   *
   * @param events a keyed stream with event time
   * @param <K> the key type
   * @param <T> the event type
   * @return a builder
   */
  public static <K, T> CepBuilder<K, T> on(KeyedStage<K, T> events) {
    return new CepBuilder<>(Objects.requireNonNull(events, "events"));
  }
}
