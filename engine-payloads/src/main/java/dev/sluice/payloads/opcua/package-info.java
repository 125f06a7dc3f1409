/** opcua */
package dev.sluice.payloads.opcua;
