#include "bag_layout.h"

#include <gtest/gtest.h>

namespace dossier::bagit {
namespace {

TEST(BagLayout, PathsOfADocument) {
  EXPECT_EQ(MetadataPath("HT-2026-SW-0001"), "data/HT-2026-SW-0001/metadata.json");
  EXPECT_EQ(VersionFilePath("HT-2026-SW-0001", 3, "合同正文.txt"),
            "data/HT-2026-SW-0001/v3/合同正文.txt");
  EXPECT_EQ(RenditionPath("HT-2026-SW-0001"), "data/HT-2026-SW-0001/HT-2026-SW-0001.pdf");
  // A number template with a slash never makes a folder climb or nest.
  EXPECT_EQ(DocumentFolder("HT/2026/1"), "HT_2026_1");
  EXPECT_EQ(DocumentFolder(".."), "_..");
}

TEST(BagLayout, ManifestPathsEncodePercentAndLineBreaks) {
  EXPECT_EQ(EncodeManifestPath("data/a%b\nc\rd"), "data/a%25b%0Ac%0Dd");
  EXPECT_EQ(*DecodeManifestPath("data/a%25b%0Ac%0Dd"), "data/a%b\nc\rd");
  EXPECT_FALSE(DecodeManifestPath("data/a%2"));
  EXPECT_FALSE(DecodeManifestPath("data/a%41"));
}

TEST(BagLayout, ManifestsAreSortedAndReadBack) {
  std::string sha(64, 'a');
  std::string text = ManifestText({{"data/b.txt", sha}, {"data/a 1.txt", sha}});
  EXPECT_EQ(text, sha + "  data/a 1.txt\n" + sha + "  data/b.txt\n");
  std::string error;
  auto lines = ParseManifest(text, 64, &error);
  ASSERT_TRUE(lines) << error;
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].path, "data/a 1.txt");  // a space inside a name stays
  EXPECT_FALSE(ParseManifest("abc  data/x\n", 64, &error));
  EXPECT_NE(error.find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseManifest(sha + "\n", 64, &error));
  // Upper-case digests are accepted (RFC 8493 allows either case).
  auto upper = ParseManifest(std::string(64, 'A') + " data/x\r\n", 64, &error);
  ASSERT_TRUE(upper) << error;
  EXPECT_EQ((*upper)[0].digest, std::string(64, 'a'));
}

TEST(BagLayout, BagInfoCarriesOxumAndEveryArchivalCode) {
  BagInfo info;
  info.source_organization = "示例科技有限公司";
  info.bagging_date = "2026-11-30";
  info.payload_bytes = 1234;
  info.payload_files = 5;
  info.external_identifiers = {"Z001-WS·2026-Y-SW-0001", "Z001-WS·2026-D30-SW-0001"};
  std::string text = BagInfoTxt(info);
  EXPECT_NE(text.find("Payload-Oxum: 1234.5\n"), std::string::npos);
  std::string error;
  auto tags = ParseTags(text + "External-Description: a long\n  description\n", &error);
  ASSERT_TRUE(tags) << error;
  EXPECT_EQ(tags->count("External-Identifier"), 2u);
  EXPECT_EQ(tags->find("Source-Organization")->second, "示例科技有限公司");
  EXPECT_EQ(tags->find("External-Description")->second, "a long description");
  EXPECT_FALSE(ParseTags("no colon here\n", &error));
  EXPECT_FALSE(ParseTags("  continued\n", &error));
}

}  // namespace
}  // namespace dossier::bagit
