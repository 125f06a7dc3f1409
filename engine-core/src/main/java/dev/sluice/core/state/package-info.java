/**
 * Managed state for operators: key groups, state descriptors with codecs, and the state
 * interfaces that the runtime stores, snapshots and redistributes.
 */
package dev.sluice.core.state;
