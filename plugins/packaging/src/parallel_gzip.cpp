#include "parallel_gzip.h"

#include <zlib.h>

namespace dossier::packaging {

std::string GzipMember(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer (CRC-32, size) around the deflate data.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::string();
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int r = deflate(&z, Z_FINISH);
  out.resize(r == Z_STREAM_END ? z.total_out : 0);
  deflateEnd(&z);
  return out;
}

ParallelGzip::ParallelGzip(std::function<Status(std::string_view)> out, int level, unsigned workers)
    : out_(std::move(out)), level_(level), max_in_flight_(2 * std::max(1u, workers)) {
  for (unsigned i = 0; i < std::max(1u, workers); ++i) workers_.emplace_back([this] { Work(); });
}

ParallelGzip::~ParallelGzip() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& w : workers_) w.join();
}

void ParallelGzip::Work() {
  while (true) {
    std::pair<uint64_t, std::string> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    std::string member = GzipMember(job.second, level_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (member.empty() && !job.second.empty()) error_ = "gzip: cannot compress";
      done_[job.first] = std::move(member);
    }
    done_ready_.notify_all();
  }
}

Status ParallelGzip::Drain(bool all) {
  while (true) {
    std::string member;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      auto in_flight = [&] { return next_index_ - next_write_; };
      if (in_flight() == 0 || (!all && in_flight() < max_in_flight_)) return Status::Ok();
      done_ready_.wait(lock, [&] { return done_.count(next_write_) > 0 || !error_.empty(); });
      if (!error_.empty()) return Status::Internal(error_);
      member = std::move(done_[next_write_]);
      done_.erase(next_write_);
      ++next_write_;
    }
    DOSSIER_RETURN_IF_ERROR(out_(member));
  }
}

Status ParallelGzip::Submit() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.emplace_back(next_index_++, std::move(pending_));
  }
  pending_.clear();
  pending_.reserve(kChunk);
  work_ready_.notify_one();
  // Write finished members in order; wait when too many are in flight.
  return Drain(false);
}

Status ParallelGzip::Write(std::string_view data) {
  while (!data.empty()) {
    size_t take = std::min(data.size(), kChunk - pending_.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == kChunk) DOSSIER_RETURN_IF_ERROR(Submit());
  }
  return Status::Ok();
}

Status ParallelGzip::Finish() {
  if (!pending_.empty() || next_index_ == 0) DOSSIER_RETURN_IF_ERROR(Submit());
  return Drain(true);
}

}  // namespace dossier::packaging
