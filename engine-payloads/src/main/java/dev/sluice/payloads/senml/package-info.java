/** senml */
package dev.sluice.payloads.senml;
