#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "store/fs_blob_store.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace dossier {
namespace {

using testing::TempDir;

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CreateFsBlobStore(dir_ / "store").ok());
    store_ = OpenFsBlobStore(dir_ / "store");
  }
  // Stages and publishes; returns where the blob went.
  BlobLocation Put(const std::string& content) {
    auto staged = store_->StageBytes(content);
    EXPECT_TRUE(staged.ok()) << staged.status().message();
    std::vector<StagedBlob*> blobs{&*staged};
    EXPECT_TRUE(store_->Publish(blobs).ok());
    return staged->location;
  }
  std::filesystem::path FileOf(const BlobLocation& loc) {
    return loc.pack.empty() ? dir_ / "store" / loc.sha256.substr(0, 2) / loc.sha256.substr(2)
                            : dir_ / "store" / "packs" / (loc.pack + ".pack");
  }
  void FlipByte(const std::filesystem::path& path, size_t offset) {
    std::string raw = testing::ReadAll(path);
    raw[offset] ^= 0x01;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << raw;
  }
  static std::string Noise(size_t n, int seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    return s;
  }
  static std::string Text(size_t n) {
    std::string s;
    while (s.size() < n) s += "合同条款第" + std::to_string(s.size()) + "条：违约责任。\n";
    return s;
  }

  TempDir dir_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(BlobStoreTest, SmallContentGoesIntoAPackAndRoundTrips) {
  std::string text = "采购合同：甲方向乙方采购服务器十台。";
  auto loc = Put(text);
  EXPECT_EQ(loc.sha256, Sha256Hex(text));
  EXPECT_FALSE(loc.pack.empty());
  auto back = store_->Read(loc);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, text);
}

TEST_F(BlobStoreTest, LargeContentIsALooseFileStreamedAcrossChunks) {
  std::string big = Text(1'500'000);
  auto loc = Put(big);
  EXPECT_TRUE(loc.pack.empty());
  EXPECT_TRUE(std::filesystem::exists(FileOf(loc)));
  EXPECT_LT(loc.stored_size, big.size() / 2);  // text compresses
  auto back = store_->Read(loc);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, big);
  EXPECT_TRUE(store_->Check(loc, big.size()).ok());
}

TEST_F(BlobStoreTest, CompressesTextButKeepsIncompressibleDataRaw) {
  for (size_t n : {size_t{20'000}, size_t{900'000}}) {  // packed and loose
    auto text = store_->StageBytes(Text(n));
    auto noise = store_->StageBytes(Noise(n, 7));
    ASSERT_TRUE(text.ok() && noise.ok());
    EXPECT_EQ(text->encoding, BlobEncoding::kZlib) << n;
    EXPECT_EQ(noise->encoding, BlobEncoding::kRaw) << n;
    std::vector<StagedBlob*> blobs{&*text, &*noise};
    ASSERT_TRUE(store_->Publish(blobs).ok());
    EXPECT_EQ(*store_->Read(text->location), Text(n));
    EXPECT_EQ(*store_->Read(noise->location), Noise(n, 7));
  }
}

TEST_F(BlobStoreTest, ABatchOfSmallBlobsMakesOnePackFile) {
  std::vector<StagedBlob> staged;
  for (int i = 0; i < 20; ++i) {
    auto s = store_->StageBytes("document " + std::to_string(i));
    ASSERT_TRUE(s.ok());
    staged.push_back(std::move(*s));
  }
  std::vector<StagedBlob*> blobs;
  for (auto& b : staged) blobs.push_back(&b);
  ASSERT_TRUE(store_->Publish(blobs).ok());
  size_t packs = 0;
  for (auto& e : std::filesystem::directory_iterator(dir_ / "store" / "packs"))
    packs += e.is_regular_file();
  EXPECT_EQ(packs, 1u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(staged[i].location.pack, staged[0].location.pack);
    EXPECT_EQ(*store_->Read(staged[i].location), "document " + std::to_string(i));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "store" / "tmp"));
}

TEST_F(BlobStoreTest, ContentStagedTwiceInOnePublishIsStoredOnce) {
  auto a = store_->StageBytes("same bytes");
  auto b = store_->StageBytes("same bytes");
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<StagedBlob*> blobs{&*a, &*b};
  ASSERT_TRUE(store_->Publish(blobs).ok());
  EXPECT_EQ(a->location.pack, b->location.pack);
  EXPECT_EQ(a->location.offset, b->location.offset);
  EXPECT_EQ(std::filesystem::file_size(FileOf(a->location)), a->location.stored_size);
}

TEST_F(BlobStoreTest, AlreadyPresentContentIsNotWrittenAgain) {
  auto loc = Put("kept once");
  auto again = store_->StageBytes("kept once");
  ASSERT_TRUE(again.ok());
  again->already_present = true;
  again->location = loc;
  std::vector<StagedBlob*> blobs{&*again};
  ASSERT_TRUE(store_->Publish(blobs).ok());
  size_t packs = 0;
  for (auto& e : std::filesystem::directory_iterator(dir_ / "store" / "packs"))
    packs += e.is_regular_file();
  EXPECT_EQ(packs, 1u);
}

TEST_F(BlobStoreTest, AFlippedByteInAPackIsReportedAsCorruption) {
  auto loc = Put(Text(5000));
  FlipByte(FileOf(loc), loc.offset + loc.stored_size - 3);
  auto back = store_->Read(loc);
  ASSERT_FALSE(back.ok());
  EXPECT_TRUE(back.status().IsCorruption()) << back.status().message();
  EXPECT_NE(back.status().message().find(loc.sha256), std::string::npos);
}

TEST_F(BlobStoreTest, AFlippedByteInALooseFileIsReportedAsCorruption) {
  auto loc = Put(Noise(700'000, 3));
  ASSERT_TRUE(loc.pack.empty());
  FlipByte(FileOf(loc), 400'000);
  Status s = store_->Check(loc, 700'000);
  EXPECT_TRUE(s.IsCorruption()) << s.message();
}

TEST_F(BlobStoreTest, AWrongOffsetOrAMissingPackIsReportedAsCorruption) {
  auto a = store_->StageBytes("first");
  auto b = store_->StageBytes("second");
  std::vector<StagedBlob*> blobs{&*a, &*b};
  ASSERT_TRUE(store_->Publish(blobs).ok());
  BlobLocation wrong = a->location;
  wrong.offset = b->location.offset;
  EXPECT_TRUE(store_->Read(wrong).status().IsCorruption());
  std::filesystem::remove(FileOf(a->location));
  Status s = store_->Check(a->location, 5);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
}

TEST_F(BlobStoreTest, RefusesEmptyMissingAndOversizedFiles) {
  auto empty = dir_.Write("empty.txt", "");
  auto s1 = store_->StageFile(empty, 100);
  EXPECT_FALSE(s1.ok());
  EXPECT_NE(s1.status().message().find("empty"), std::string::npos);

  auto s2 = store_->StageFile(dir_ / "nope.txt", 100);
  EXPECT_EQ(s2.status().code(), StatusCode::kInvalidArgument);

  auto big = dir_.Write("big.txt", std::string(200, 'x'));
  auto s3 = store_->StageFile(big, 100);
  EXPECT_FALSE(s3.ok());
  EXPECT_NE(s3.status().message().find("limit"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "store" / "tmp"));
}

TEST_F(BlobStoreTest, DiscardRemovesStagedTemporaries) {
  auto staged = store_->StageBytes(Noise(800'000, 9));  // large: has a temporary file
  ASSERT_TRUE(staged.ok());
  EXPECT_FALSE(staged->temp_path.empty());
  std::vector<StagedBlob*> blobs{&*staged};
  store_->Discard(blobs);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "store" / "tmp"));
}

}  // namespace
}  // namespace dossier
