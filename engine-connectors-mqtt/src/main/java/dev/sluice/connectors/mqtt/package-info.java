/** MQTT source and sink. */
package dev.sluice.connectors.mqtt;
