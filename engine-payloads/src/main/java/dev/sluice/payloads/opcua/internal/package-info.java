/** Implementation of the OPC UA payload support; not API. */
package dev.sluice.payloads.opcua.internal;
