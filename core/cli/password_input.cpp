#include "cli/password_input.h"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

namespace dossier::cli {

namespace {

std::string WithoutLineEnd(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// One line from the terminal with echo off, restored whatever happens.
Result<std::string> ReadHidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old_mode{};
  if (tcgetattr(STDIN_FILENO, &old_mode) != 0)
    return Status::IoError("cannot read the terminal's settings");
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  std::cerr << "\n";
  if (!got) return Status::InvalidArgument("no password typed");
  return WithoutLineEnd(line);
}

}  // namespace

Result<std::string> ReadPasswordFile(const std::string& file) {
  std::string line;
  if (file == "-") {
    if (!std::getline(std::cin, line))
      return Status::InvalidArgument("no password on standard input");
    return WithoutLineEnd(line);
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0)
    return Status::InvalidArgument("cannot read password file " + file);
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Status::InvalidArgument("password file " + file +
                                   " may be read by others; chmod 600 it first");
  }
  std::ifstream in(file);
  if (!in || !std::getline(in, line))
    return Status::InvalidArgument("password file " + file + " is empty");
  return WithoutLineEnd(line);
}

Result<std::string> PromptNewPassword(const std::string& user) {
  if (!::isatty(STDIN_FILENO)) {
    return Status::InvalidArgument(
        "no terminal to ask for the password: give --password-file FILE (or - for standard input)");
  }
  auto first = ReadHidden("New password for " + user + ": ");
  if (!first.ok()) return first;
  auto second = ReadHidden("The same again: ");
  if (!second.ok()) return second;
  if (*first != *second)
    return Status::InvalidArgument("the two passwords differ; nothing was changed");
  return first;
}

}  // namespace dossier::cli
