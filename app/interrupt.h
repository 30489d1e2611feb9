// Cleaning up after Ctrl-C: while a TemporaryFilesGuard lives, SIGINT, SIGTERM and SIGHUP remove the temporary files
// the run may be writing (write_file_atomic's "PATH.tmp-PID"), say so on stderr, and end the process by the same
// signal (exit status 128 + signal in a shell), so an interrupted run leaves the earlier outputs and nothing else.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "exporter.h"

namespace isnad::app {

// "PATH.tmp-PID" for this process: the name write_file_atomic gives the file it writes before renaming it to PATH.
std::string temporary_path(const std::string& path);

// The temporary files exporters write into `dir` (every file of a directory exporter), and DIR/run.json's.
std::vector<std::string> temporary_paths(const std::vector<std::unique_ptr<Exporter>>& exporters, const std::string& dir);

class TemporaryFilesGuard {
 public:
  // `command` names the program in the message ("isnad build"). Only one guard may live at a time.
  TemporaryFilesGuard(const std::string& command, std::vector<std::string> temporary_files);
  ~TemporaryFilesGuard();  // restores the previous signal dispositions
  TemporaryFilesGuard(const TemporaryFilesGuard&) = delete;
  TemporaryFilesGuard& operator=(const TemporaryFilesGuard&) = delete;
};

}  // namespace isnad::app
