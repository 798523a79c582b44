// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "history/HistoryParser.h"
#include "history/Retention.h"

namespace history {

// The drill history in the state directory: one file per job,
// <state_dir>/history/<encoded job id>.jsonl, one record per line
// (DrillRecordJson.h), oldest first.
//
// An append is one line written with O_APPEND and fsynced, so a crash
// loses at most the record being written, and leaves at worst a torn last
// line that readers skip and report. A file past its Retention bounds, or
// one found with a damaged line, is compacted: the records it keeps are
// written to a hidden temp file, synced and renamed over it, so a reader
// sees the old file or the new one, never a mix. A run is kept once: an
// append of the run the file ends with is a duplicate (a daemon that died
// after its append, before its state record said so, appends it again).
//
// Owned by the daemon; called only from its io_context thread (each call
// blocks on the disk, like StateStore). The command-line readers use the
// static load functions and need no daemon.
class HistoryStore
{
public:
	// One job's file as read from disk.
	struct JobFile {
		std::filesystem::path path;
		ParsedHistory history;
		std::uint64_t skippedBytes = 0; // a file over maxFileBytes: its oldest part was not read
		std::string error;              // could not be read at all
	};
	struct AppendResult {
		std::optional<std::string> error;  // the record could not be written (the old file is intact)
		std::vector<std::string> repaired; // problems found in the file and compacted away
		bool compacted = false;
		bool duplicate = false; // the file already ends with this run; nothing was written
	};

	// Far above what Retention lets a file reach (about 1 MB); a file
	// bigger than this is damaged or not ours, and only its tail is read.
	static constexpr std::size_t maxFileBytes = 16 * 1024 * 1024;
	static constexpr std::string_view directoryName = "history";

	HistoryStore(std::filesystem::path stateDir, Retention retention = {});

	AppendResult append(const DrillRecord &record, std::int64_t nowMs);

	// "<encoded id>.jsonl", encoded like the job's state file (StateStore::fileNameFor).
	static std::string fileNameFor(std::string_view jobId);
	// A reader that wants only the newest runs (the metrics at start, over
	// thousands of jobs) passes a smaller maxBytes and gets the file's tail.
	static JobFile load(const std::filesystem::path &file, std::size_t maxBytes = maxFileBytes);
	// Every *.jsonl file in <stateDir>/history, in name order; none when
	// the directory does not exist.
	static std::vector<JobFile> loadAll(const std::filesystem::path &stateDir, std::size_t maxBytes = maxFileBytes);

	const std::filesystem::path &directory() const { return dir_; }

private:
	struct Known {
		std::size_t count = 0;
		std::int64_t oldestFinishedMs = 0;
		std::string lastRunId; // of the newest record
	};

	std::optional<std::string> compact(const std::filesystem::path &file, std::vector<DrillRecord> records,
					   std::int64_t nowMs, Known &known);

	std::filesystem::path dir_;
	Retention retention_;
	// What each file holds, learnt on its first append (one read per job
	// per daemon lifetime), so later appends need no read at all.
	std::map<std::string, Known, std::less<>> known_;
};

} // namespace history
