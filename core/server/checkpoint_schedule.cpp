#include "server/checkpoint_schedule.h"

namespace dossier::server {

CheckpointSchedule::CheckpointSchedule(const Repository& repo, std::filesystem::path witness,
                                       std::chrono::milliseconds every,
                                       std::function<void(const std::string&)> note)
    : repo_(repo), witness_(std::move(witness)), every_(every), note_(std::move(note)) {}

CheckpointSchedule::~CheckpointSchedule() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status CheckpointSchedule::TakeOne() {
  auto checkpoint = repo_.TakeScheduledCheckpoint(witness_);
  if (!checkpoint.ok()) return checkpoint.status();
  note_("dossier: checkpoint of entry " + std::to_string(checkpoint->seq) + " appended to " +
        witness_.string());
  return Status::Ok();
}

Status CheckpointSchedule::Start() {
  if (Status s = TakeOne(); !s.ok()) return s.WithContext("checkpoints.to");
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
      lock.unlock();
      if (Status s = TakeOne(); !s.ok())
        note_("dossier: the scheduled checkpoint failed (tried again later): " + s.message());
      lock.lock();
    }
  });
  return Status::Ok();
}

}  // namespace dossier::server
