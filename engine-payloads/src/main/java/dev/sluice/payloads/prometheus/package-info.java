/** prometheus */
package dev.sluice.payloads.prometheus;
