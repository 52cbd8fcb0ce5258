package org.gofer.lti;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The status part of an {@code imsx_POXEnvelopeResponse}. Parsed with DTDs and external entities
 * off (the body comes from the network). Immutable.
 *
 * @param codeMajor success, processing, failure or unsupported (as sent, trimmed)
 * @param severity status, warning or error (may be empty)
 * @param description the LMS's words (may be empty)
 */
public record PoxResponse(String codeMajor, String severity, String description) {

    /** Empty when the body is not a POX response with an {@code imsx_codeMajor}. */
    public static Optional<PoxResponse> parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // stay quiet on stderr, fail the parse
                }
            });
            Document doc = b.parse(new ByteArrayInputStream(body));
            String major = first(doc, "imsx_codeMajor");
            if (major.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PoxResponse(major, first(doc, "imsx_severity"), first(doc, "imsx_description")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String first(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
