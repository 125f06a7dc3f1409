/** NATS JetStream source and sink. */
package dev.sluice.connectors.nats;
