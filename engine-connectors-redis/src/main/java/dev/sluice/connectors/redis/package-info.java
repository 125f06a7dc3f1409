/** Redis Streams source and sink. */
package dev.sluice.connectors.redis;
