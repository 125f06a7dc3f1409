/** Implementation of the SenML codecs and generator; not exported, not for other modules. */
package dev.sluice.payloads.senml.internal;
