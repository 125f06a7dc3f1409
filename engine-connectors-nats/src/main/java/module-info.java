/**
 * Sluice NATS JetStream connector: a durable pull-consumer source with acknowledgement after
 * processing, and a stream sink with publish acknowledgements, on jnats.
 */
module dev.sluice.connectors.nats {
  requires transitive dev.sluice.core;
  // jnats declares no module-info; its manifest names the automatic module io.nats.jnats.
  requires io.nats.jnats;

  exports dev.sluice.connectors.nats;
}
