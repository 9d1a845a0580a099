#include "xml_text.h"

#include <gtest/gtest.h>

#include <random>

namespace dossier::eep {
namespace {

TEST(XmlText, EscapesMarkupAndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(XmlEscape("甲方<乙方> & \"丙方\""), "甲方&lt;乙方&gt; &amp; &quot;丙方&quot;");
  EXPECT_EQ(XmlEscape("a\tb\nc"), "a\tb\nc");
  EXPECT_EQ(XmlEscape(std::string("a\x01z", 3)), "a\xEF\xBF\xBDz");  // U+FFFD
  EXPECT_EQ(XmlEscape("\xff"), "\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("𠮷"), "𠮷");
}

TEST(XmlText, Base64InPiecesEqualsBase64Whole) {
  EXPECT_EQ(Base64Length(0), 0u);
  EXPECT_EQ(Base64Length(1), 4u);
  EXPECT_EQ(Base64Length(3), 4u);
  EXPECT_EQ(Base64Length(4), 8u);
  // Encode, then Finish: two statements (the order of a + b's operands is unspecified).
  auto encode = [](std::string_view data) {
    Base64Stream b;
    std::string out = b.Encode(data);
    return out + b.Finish();
  };
  EXPECT_EQ(encode("Man"), "TWFu");
  EXPECT_EQ(encode("Ma"), "TWE=");
  EXPECT_EQ(encode("M"), "TQ==");
  EXPECT_EQ(encode("合同"), "5ZCI5ZCM");
  std::mt19937 rng(3);
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(rng()));
  std::string expected = encode(data);
  ASSERT_EQ(expected.size(), Base64Length(data.size()));
  for (size_t piece : {1u, 2u, 4u, 5u, 7u, 64u}) {
    Base64Stream b;
    std::string got;
    for (size_t i = 0; i < data.size(); i += piece)
      got += b.Encode(std::string_view(data).substr(i, piece));
    got += b.Finish();
    EXPECT_EQ(got, expected) << "pieces of " << piece;
  }
}

}  // namespace
}  // namespace dossier::eep
