// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <boost/json/value.hpp>

namespace restored::os {

// One JSON file per job in the state directory, so a crash can only ever
// lose or damage the record of one job.
//
// Each file is {"schema": 1, "jobId": "...", "payload": <value>}. Beside it
// a hidden slot file ".<name>.tmp" takes the next version: written in
// place, synced, then exchanged with the live file (renameat2
// RENAME_EXCHANGE), so the slot ends up holding the previous version for
// the save after. A reader therefore sees the old record or the new one,
// never a mix, and steady saves neither create nor free inodes.
//
// Owned by the daemon; called only from its io_context thread (the calls
// block on the disk, which keeps ordering trivial; StateFlusher keeps the
// group commits out of the way of poll answers).
class StateStore
{
public:
	static constexpr int schemaVersion = 1;

	struct Record {
		std::string jobId;
		boost::json::value payload;
	};
	// A file that could not be used; it has been moved aside (movedTo), or
	// movedTo is empty when even that failed.
	struct Problem {
		std::filesystem::path path;
		std::string reason;
		std::filesystem::path movedTo;
	};
	struct LoadResult {
		std::vector<Record> records;
		std::vector<Problem> problems;
	};

	// The directory must exist (systemd's StateDirectory= creates it).
	explicit StateStore(std::filesystem::path dir);

	// Durable: fsync the slot, publish it, fsync the directory, so the
	// record survives a power cut; the daemon uses it before every
	// mutating API call.
	// Visible: fdatasync the slot and publish it, without the directory
	// fsync: a power cut may bring back the previous record (never a torn
	// one); for progress updates.
	// Deferred: the record is written to its slot only; flush() (see
	// flushLater) fsyncs it, publishes it and fsyncs the directory, for a
	// whole group of records at once.
	enum class Durability { Durable, Visible, Deferred };

	// Returns an error text (path and errno reason) on failure; the old
	// record, if any, is then still intact.
	std::optional<std::string> save(std::string_view jobId, const boost::json::value &payload,
					Durability durability = Durability::Durable);
	// Group commit, for records saved Deferred: flushLater() notes the
	// record and returns true when it is the first noted one (the caller
	// arranges a flush; StateFlusher does); flush() fsyncs each noted temp
	// file, renames it into place, then fsyncs the directory once. The
	// rename is the expensive part where the old record's blocks are freed
	// (about 1 ms on the benchmark machine's ext4, against 0.1 ms for the
	// fsync; bench/RESULTS.md).
	bool flushLater(std::string_view jobId);
	// Flushes every noted record, or at most `limit` of them (StateFlusher
	// spreads a large group over several event-loop turns that way).
	std::optional<std::string> flush(std::size_t limit = SIZE_MAX);
	std::size_t unflushedCount() const { return unflushed_.size(); }
	// Whether jobId's record was noted by flushLater() and not flushed yet.
	bool unflushed(std::string_view jobId) const;

	// Missing records are not an error.
	std::optional<std::string> remove(std::string_view jobId);

	// Moves a record that parsed as JSON but that its reader could not use
	// aside, like loadAll() does with unreadable files; returns the new
	// path (empty when even that failed).
	std::filesystem::path quarantine(std::string_view jobId);
	// Every readable record. Unusable files are renamed to
	// "<name>.corrupt-<UTC timestamp>" and reported; leftover temp files from
	// an interrupted save are deleted.
	LoadResult loadAll();

	const std::filesystem::path &directory() const { return dir_; }

	// The daemon's status report shares the directory under this name:
	// loadAll() leaves it alone and no job's record may ever overwrite it.
	static constexpr std::string_view statusFileName = "status.json";

	// "<encoded id>.json": bytes outside [A-Za-z0-9._-] and a leading '.'
	// become %XX, so any id maps to one safe, distinct, non-hidden name
	// (the job "status" gets "%73tatus.json", never statusFileName).
	// Pure; exposed for tests and docs.
	static std::string fileNameFor(std::string_view jobId);

private:
	std::optional<Problem> loadOne(const std::filesystem::path &path, std::vector<Record> &out);
	std::filesystem::path moveAside(const std::filesystem::path &path);

	std::filesystem::path dir_;
	std::unordered_set<std::string> unflushed_;   // file names noted by flushLater()
	std::unordered_set<std::string> unpublished_; // Deferred saves still in their slot
};

} // namespace restored::os
