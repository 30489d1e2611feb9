#include "interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace isnad::app {

namespace {

// What the handler reads: filled before the handlers are installed and left alone until they are restored, so the
// handler only reads memory nobody writes while it may run. unlink(), write() and raise() are async-signal-safe.
std::vector<std::string>* g_files = nullptr;
std::string* g_message = nullptr;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

void on_signal(int signal) {
  std::size_t removed = 0;
  if (g_files != nullptr)
    for (const std::string& path : *g_files) removed += ::unlink(path.c_str()) == 0;
  if (g_message != nullptr) {
    // "\r\033[K" clears a progress line; the count is written digit by digit (no snprintf in a handler).
    const char* clear = ::isatty(STDERR_FILENO) ? "\r\033[K" : "";
    (void)!::write(STDERR_FILENO, clear, std::strlen(clear));
    (void)!::write(STDERR_FILENO, g_message->data(), g_message->size());
    char digits[24];
    int n = 0;
    do digits[n++] = static_cast<char>('0' + removed % 10); while ((removed /= 10) > 0);
    char out[24];
    for (int i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
    (void)!::write(STDERR_FILENO, out, static_cast<std::size_t>(n));
    const char* tail = " temporary file(s)\n";
    (void)!::write(STDERR_FILENO, tail, std::strlen(tail));
  }
  // Die of the same signal, as an uncaught one would.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

std::string temporary_path(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

std::vector<std::string> temporary_paths(const std::vector<std::unique_ptr<Exporter>>& exporters, const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& e : exporters) {
    fs::path target = fs::path(dir) / e->file_name();
    if (!e->writes_directory()) {
      out.push_back(temporary_path(target.string()));
      continue;
    }
    for (const std::string& name : e->files()) out.push_back(temporary_path((target / name).string()));
  }
  out.push_back(temporary_path((fs::path(dir) / "run.json").string()));
  return out;
}

TemporaryFilesGuard::TemporaryFilesGuard(const std::string& command, std::vector<std::string> temporary_files) {
  g_files = new std::vector<std::string>(std::move(temporary_files));
  g_message = new std::string(command + ": interrupted; removed ");
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int s : kSignals) sigaddset(&action.sa_mask, s);  // one handler at a time
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    ::sigaction(kSignals[i], &action, &g_previous[i]);
    // A signal the caller ignores (nohup, a background job's SIGINT) stays ignored.
    if (g_previous[i].sa_handler == SIG_IGN) ::sigaction(kSignals[i], &g_previous[i], nullptr);
  }
}

TemporaryFilesGuard::~TemporaryFilesGuard() {
  for (std::size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
  delete g_files;
  delete g_message;
  g_files = nullptr;
  g_message = nullptr;
}

}  // namespace isnad::app
