#include "util/safe_sax.h"

#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>

#include <sstream>

namespace dossier {

void ParseUntrustedXml(const std::string& xml, Poco::XML::ContentHandler& handler) {
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&handler);
  std::istringstream stream(xml);
  Poco::XML::InputSource input(stream);
  parser.parse(&input);
}

}  // namespace dossier
