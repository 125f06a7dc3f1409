package dev.sluice.payloads.opcua;

import java.util.Objects;

/**
 * The OPC UA XmlElement built-in type: an XML fragment kept as text. It is a distinct type so that
 * a {@link Variant} can tell it from a String; this library does not parse the XML.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> none beyond the record.
 * <b>Failure:</b> rejects a null text with {@link NullPointerException}.
 *
 * @param xml the XML text
 */
public record XmlElement(String xml) {

  /** Checks the text is present. */
  public XmlElement {
    Objects.requireNonNull(xml, "xml");
  }
}
