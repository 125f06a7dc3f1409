/** Sluice windowing: operators that plug into the core through the operator SPI (to come). */
package dev.sluice.windowing;
