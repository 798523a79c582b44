// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

#include <spdlog/common.h>

namespace restored::os {

// Where log lines go. Auto means journald when systemd connected our
// stderr to the journal ($JOURNAL_STREAM matches stderr), stderr otherwise.
enum class LogTarget { Auto, Journald, Stderr };

// "auto" | "journald" | "stderr" (the config's log.target); nullopt otherwise.
std::optional<LogTarget> parseLogTarget(std::string_view text);

// Auto resolved against the environment; Journald/Stderr returned as given.
LogTarget resolveLogTarget(LogTarget configured);

// True when $JOURNAL_STREAM names the device:inode of our stderr, i.e.
// systemd connected stderr to journald (systemd.exec(5), JOURNAL_STREAM).
bool stderrIsJournal();

// Installs the process-wide spdlog default logger: a systemd sink
// (SYSLOG_IDENTIFIER=dbs-restored) for Journald, colourless stderr lines
// with UTC timestamps otherwise. Returns the resolved target, which the
// JobEventLog must be given too. Call once at startup, before the
// io_context runs. The sinks are the locking (_mt) kind although the daemon
// logs from one thread: a library thread that logs must not corrupt lines.
LogTarget setupLogging(LogTarget configured, spdlog::level::level_enum level);

} // namespace restored::os
