// At most N of a kind of work at once (searches): the rest wait their turn.
// On a server with few cores, more searches at once than it has cores only
// add memory (each holds its matches and snippets) and switching, not speed.
#ifndef DOSSIER_SERVER_GATE_H_
#define DOSSIER_SERVER_GATE_H_

#include <semaphore>

namespace dossier::server {

class Gate {
 public:
  explicit Gate(int capacity) : slots_(capacity) {}
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  /// Holds a slot for as long as it lives.
  class Pass {
   public:
    explicit Pass(Gate* gate) : gate_(gate) {
      if (gate_ != nullptr) gate_->slots_.acquire();
    }
    ~Pass() {
      if (gate_ != nullptr) gate_->slots_.release();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    Gate* gate_;
  };

 private:
  std::counting_semaphore<1 << 16> slots_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_GATE_H_
