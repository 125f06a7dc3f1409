/** Implementation of correlation: the keyed operator and its per-key state. */
package dev.sluice.cep.correlate.internal;
