#include "dossier/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace dossier {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dossier-files-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Names in the folder: a temporary file left behind would show here.
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(FilesTest, AWriteReplacesTheFileWholeAndLeavesNoTemporaryFile) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "合同.pdf", "first version").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "合同.pdf", "第二版").ok());
  auto text = ReadFileToString(dir_ / "合同.pdf");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "第二版");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(FilesTest, ABatchWrittenToSyncLaterIsThereAndSyncsOnce) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(WriteFileAtomic(dir_ / (std::to_string(i) + ".pdf"), std::string(100 + i, 'x'),
                                Sync::kLater)
                    .ok());
  }
  EXPECT_TRUE(SyncFileSystem(dir_).ok());
  EXPECT_EQ(Entries(), 20u);
  EXPECT_EQ(fs::file_size(dir_ / "19.pdf"), 119u);
}

TEST_F(FilesTest, AWriteIntoAMissingFolderFailsNamingThePathAndWritesNothing) {
  Status s = WriteFileAtomic(dir_ / "missing" / "x.pdf", "content");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
  EXPECT_EQ(Entries(), 0u);
  Status sync = SyncFileSystem(dir_ / "missing");
  ASSERT_FALSE(sync.ok());
  EXPECT_NE(sync.message().find("missing"), std::string::npos) << sync.message();
}

TEST_F(FilesTest, ReadingAMissingFileSaysWhichFile) {
  auto text = ReadFileToString(dir_ / "nothing-here.json");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("nothing-here.json"), std::string::npos);
}

TEST_F(FilesTest, ATempFolderIsPrivateAndGoesWithEverythingInItEvenAfterAMove) {
  fs::path kept;
  {
    auto folder = TempFolder::Create("dossier-files-test");
    ASSERT_TRUE(folder.ok()) << folder.status().message();
    kept = folder->path();
    EXPECT_EQ(fs::status(kept).permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_NE(kept.filename().string().find("dossier-files-test-"), std::string::npos);
    ASSERT_TRUE(WriteFileAtomic(kept / "上传.bin", "part").ok());
    TempFolder moved = std::move(*folder);
    EXPECT_EQ(moved.path(), kept);
    EXPECT_TRUE(folder->path().empty());
    EXPECT_TRUE(fs::exists(kept / "上传.bin"));  // the moved-from object removed nothing
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST_F(FilesTest, ATempFolderThatCannotBeMadeSaysWhere) {
  const char* old = ::getenv("TMPDIR");
  std::string saved = old ? old : "";
  ::setenv("TMPDIR", (dir_ / "no-such-folder").c_str(), 1);
  auto folder = TempFolder::Create("dossier-files-test");
  if (old)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.status().message().find("no-such-folder"), std::string::npos)
      << folder.status().message();
}

}  // namespace
}  // namespace dossier
