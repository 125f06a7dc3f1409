/**
 * Sluice Redis Streams connector: a consumer-group source with acknowledgement after processing
 * and pending-entry recovery, and an XADD sink, on Lettuce.
 */
module dev.sluice.connectors.redis {
  requires transitive dev.sluice.core;
  // Lettuce declares no module-info; its manifest names the automatic module lettuce.core.
  requires lettuce.core;

  exports dev.sluice.connectors.redis;
}
