/**
 * OPC UA payloads: the Part 3/4 data model ({@link dev.sluice.payloads.opcua.NodeId}, {@link
 * dev.sluice.payloads.opcua.ExpandedNodeId}, {@link dev.sluice.payloads.opcua.StatusCode}, {@link
 * dev.sluice.payloads.opcua.Variant}, {@link dev.sluice.payloads.opcua.DataValue}, {@link
 * dev.sluice.payloads.opcua.ExtensionObject}, {@link dev.sluice.payloads.opcua.DiagnosticInfo})
 * and the Part 6
 * JSON encoding ({@link dev.sluice.payloads.opcua.OpcUaJsonWriter} for the 1.05 compact and
 * verbose forms, {@link dev.sluice.payloads.opcua.OpcUaJsonReader} for those and the 1.04
 * reversible form).
 *
 * <p>Every type here is immutable and thread-safe. Malformed input is reported with {@link
 * dev.sluice.payloads.PayloadFormatException}, naming what is wrong and where.
 */
package dev.sluice.payloads.opcua;
