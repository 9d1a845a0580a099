#include "store/fs_blob_store.h"

#include <gtest/gtest.h>

#include <random>

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
  std::string Put(const std::string& content) {
    auto staged = store_->StageBytes(content);
    EXPECT_TRUE(staged.ok()) << staged.status().message();
    std::vector<StagedBlob> blobs{*staged};
    EXPECT_TRUE(store_->Publish(blobs).ok());
    return staged->sha256;
  }
  std::filesystem::path BlobPath(const std::string& sha) { return dir_ / "store" / sha.substr(0, 2) / sha.substr(2); }

  TempDir dir_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(BlobStoreTest, RoundTripsContentAddressedBySha256) {
  std::string text = "采购合同：甲方向乙方采购服务器十台。";
  std::string sha = Put(text);
  EXPECT_EQ(sha, Sha256Hex(text));
  auto back = store_->Read(sha);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, text);
}

TEST_F(BlobStoreTest, CompressesTextButKeepsIncompressibleDataRaw) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "合同条款第" + std::to_string(i) + "条：违约责任。";
  auto t = store_->StageBytes(text);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->encoding, BlobEncoding::kZlib);
  EXPECT_LT(t->stored_size, text.size() / 2);

  std::mt19937 rng(7);
  std::string noise(300000, '\0');  // more than one chunk
  for (auto& c : noise) c = static_cast<char>(rng());
  auto n = store_->StageBytes(noise);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->encoding, BlobEncoding::kRaw);
  std::vector<StagedBlob> blobs{*t, *n};
  ASSERT_TRUE(store_->Publish(blobs).ok());
  EXPECT_EQ(*store_->Read(t->sha256), text);
  EXPECT_EQ(*store_->Read(n->sha256), noise);
}

TEST_F(BlobStoreTest, LargeCompressibleContentStreamsAcrossChunks) {
  std::string big;
  while (big.size() < 1'500'000) big += "第" + std::to_string(big.size()) + "行 contract line\n";
  std::string sha = Put(big);
  auto back = store_->Read(sha);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, big);
  EXPECT_TRUE(store_->Check(sha, big.size()).ok());
}

TEST_F(BlobStoreTest, IdenticalContentIsStoredOnce) {
  std::string sha = Put("same bytes");
  auto again = store_->StageBytes("same bytes");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_present);
  EXPECT_TRUE(again->temp_path.empty());
  auto all = store_->ListAll();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "store" / "tmp"));
}

TEST_F(BlobStoreTest, AFlippedByteIsReportedAsCorruption) {
  std::string content(5000, 'a');
  content += "tail";
  std::string sha = Put(content);
  auto path = BlobPath(sha);
  std::string raw = testing::ReadAll(path);
  raw[raw.size() / 2] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << raw;
  auto back = store_->Read(sha);
  EXPECT_FALSE(back.ok());
  EXPECT_TRUE(back.status().IsCorruption()) << back.status().message();
  EXPECT_NE(back.status().message().find(sha), std::string::npos);
}

TEST_F(BlobStoreTest, AMissingBlobIsReportedAsCorruption) {
  std::string sha = Put("will vanish");
  std::filesystem::remove(BlobPath(sha));
  Status s = store_->Check(sha, 11);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("missing"), std::string::npos);
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
  auto staged = store_->StageBytes("never published");
  ASSERT_TRUE(staged.ok());
  std::vector<StagedBlob> blobs{*staged};
  store_->Discard(blobs);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "store" / "tmp"));
  EXPECT_FALSE(store_->Contains(staged->sha256));
}

TEST_F(BlobStoreTest, PublishesABatchWithOneFileSystemSync) {
  std::vector<StagedBlob> blobs;
  for (int i = 0; i < 20; ++i) {
    auto s = store_->StageBytes("document " + std::to_string(i));
    ASSERT_TRUE(s.ok());
    blobs.push_back(*s);
  }
  ASSERT_TRUE(store_->Publish(blobs).ok());
  for (const auto& b : blobs) {
    EXPECT_TRUE(b.temp_path.empty());
    EXPECT_TRUE(store_->Contains(b.sha256));
  }
}

}  // namespace
}  // namespace dossier
