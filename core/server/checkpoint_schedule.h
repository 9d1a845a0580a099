// The server's scheduled checkpoints (config/server.json "checkpoints"): a
// signed checkpoint of the audit trail appended to a witness file outside
// the repository when the server starts and then at a fixed interval, so
// that a rollback or a rewrite of the catalog is caught by verify --against
// without anyone remembering to take one.
#ifndef DOSSIER_SERVER_CHECKPOINT_SCHEDULE_H_
#define DOSSIER_SERVER_CHECKPOINT_SCHEDULE_H_

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "dossier/repository.h"

namespace dossier::server {

class CheckpointSchedule {
 public:
  /// `note` receives one line per checkpoint taken or failed.
  CheckpointSchedule(const Repository& repo, std::filesystem::path witness,
                     std::chrono::milliseconds every, std::function<void(const std::string&)> note);
  ~CheckpointSchedule();  // stops the thread

  /// Takes the first checkpoint now (a failure is returned: the server does
  /// not start with a witness it cannot write), then one every interval on
  /// a thread of its own until destroyed. A later failure is noted and
  /// tried again at the next interval.
  Status Start();

 private:
  Status TakeOne();

  const Repository& repo_;
  const std::filesystem::path witness_;
  const std::chrono::milliseconds every_;
  const std::function<void(const std::string&)> note_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_CHECKPOINT_SCHEDULE_H_
