#include "parallel_gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

namespace dossier::packaging {
namespace {

// Inflates a stream of concatenated gzip members, as gzip -d does.
std::string Gunzip(const std::string& gz) {
  std::string out;
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  char buf[1 << 16];
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    int r = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (r == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // the next member
    } else if (r != Z_OK) {
      out = "<corrupt>";
      break;
    }
  }
  inflateEnd(&z);
  return out;
}

TEST(ParallelGzip, ManyMembersInflateToTheInputInOrder) {
  std::mt19937 rng(7);
  std::string input;
  // 3.5 MiB: text and noise, written in pieces of odd sizes across chunk boundaries.
  while (input.size() < (7u << 19)) {
    input += "第" + std::to_string(rng() % 100) + "条 甲方应当按期付款。";
    for (int i = 0; i < 50; ++i) input.push_back(static_cast<char>(rng()));
  }
  std::string gz;
  ParallelGzip zip(
      [&](std::string_view member) {
        gz.append(member);
        return Status::Ok();
      },
      6, 3);
  for (size_t pos = 0; pos < input.size();) {
    size_t n = std::min<size_t>(input.size() - pos, 12345 + (pos % 777));
    ASSERT_TRUE(zip.Write(std::string_view(input).substr(pos, n)).ok());
    pos += n;
  }
  ASSERT_TRUE(zip.Finish().ok());
  EXPECT_LT(gz.size(), input.size());
  EXPECT_EQ(Gunzip(gz), input);
}

TEST(ParallelGzip, AnEmptyStreamIsStillAGzipFile) {
  std::string gz;
  ParallelGzip zip(
      [&](std::string_view member) {
        gz.append(member);
        return Status::Ok();
      },
      6, 2);
  ASSERT_TRUE(zip.Finish().ok());
  EXPECT_GE(gz.size(), 18u);  // header and trailer
  EXPECT_EQ(Gunzip(gz), "");
}

TEST(ParallelGzip, AFailingWriterStopsTheStream) {
  ParallelGzip zip([](std::string_view) { return Status::IoError("disk full"); }, 6, 2);
  std::string big(5u << 20, 'x');
  Status s = zip.Write(big);
  if (s.ok()) s = zip.Finish();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("disk full"), std::string::npos);
}

}  // namespace
}  // namespace dossier::packaging
