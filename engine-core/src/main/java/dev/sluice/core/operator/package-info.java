/**
 * The operator SPI: how plug-in modules (windowing, CEP, joins) and users add processing steps
 * that receive events, watermarks and timers, keep keyed state, and emit results.
 */
package dev.sluice.core.operator;
