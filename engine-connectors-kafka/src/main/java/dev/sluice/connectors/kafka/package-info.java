/** Kafka source and sink. */
package dev.sluice.connectors.kafka;
