/** Sluice cep (filled by its own issue). */
module dev.sluice.cep {
  requires transitive dev.sluice.core;
}
