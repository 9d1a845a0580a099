// Parses XML from files people bring (DOCX, XLSX parts) with a SAX parser
// that resolves namespaces and never fetches an external entity (no XXE:
// a document cannot make the server read /etc/passwd or a URL).
#ifndef DOSSIER_UTIL_SAFE_SAX_H_
#define DOSSIER_UTIL_SAFE_SAX_H_

#include <Poco/SAX/ContentHandler.h>

#include <string>

namespace dossier {

/// Throws Poco::Exception when `xml` is not well-formed.
void ParseUntrustedXml(const std::string& xml, Poco::XML::ContentHandler& handler);

}  // namespace dossier

#endif  // DOSSIER_UTIL_SAFE_SAX_H_
