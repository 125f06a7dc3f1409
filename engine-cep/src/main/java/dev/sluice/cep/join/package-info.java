/**
 * Joins on the core's two-input operator SPI: windowed stream–stream joins (inner, left, right
 * and full outer, over tumbling, sliding and session windows), interval joins, and stream–table
 * joins for enrichment (a fixed map, a changelog stream, an asynchronous lookup with a bounded
 * cache). Start at {@link dev.sluice.cep.join.Joins}; semantics beside Flink and Kafka Streams
 * in docs/joins.md.
 */
package dev.sluice.cep.join;
