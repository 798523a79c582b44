// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryStore.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/Fd.h"
#include "base/FileIo.h"
#include "daemon/os/StateStore.h"
#include "history/DrillRecordJson.h"

namespace history {

namespace fs = std::filesystem;
using base::Fd;

namespace {

constexpr std::string_view fileSuffix = ".jsonl";

std::int64_t oldestFinished(const std::vector<DrillRecord> &records)
{
	std::int64_t oldest = records.empty() ? 0 : records.front().finishedAtMs;
	for (const auto &r : records)
		oldest = std::min(oldest, r.finishedAtMs);
	return oldest;
}

std::string lastRunId(const std::vector<DrillRecord> &records)
{
	return records.empty() ? std::string() : records.back().runId;
}

// Whether the file's last byte is a newline (or the file is empty): an
// append after a torn line must not glue itself onto that line. The file
// is open for reading too, for this pread.
bool endsClean(int fd, off_t size)
{
	char last = '\n';
	return size == 0 || ::pread(fd, &last, 1, size - 1) != 1 || last == '\n';
}

} // namespace

HistoryStore::HistoryStore(fs::path stateDir, Retention retention)
	: dir_(std::move(stateDir) / directoryName), retention_(retention)
{}

std::string HistoryStore::fileNameFor(std::string_view jobId)
{
	std::string name = restored::os::StateStore::fileNameFor(jobId); // "<encoded>.json"
	return name.substr(0, name.size() - std::string_view(".json").size()).append(fileSuffix);
}

HistoryStore::JobFile HistoryStore::load(const fs::path &file, std::size_t maxBytes)
{
	JobFile f;
	f.path = file;
	std::string text;
	if (!base::readTail(file, text, f.error, maxBytes, &f.skippedBytes))
		return f;
	// The tail of an oversized file starts inside a line.
	if (f.skippedBytes > 0)
		text.erase(0, std::min(text.size(), text.find('\n') + 1));
	f.history = parseHistory(text);
	return f;
}

std::vector<HistoryStore::JobFile> HistoryStore::loadAll(const fs::path &stateDir, std::size_t maxBytes)
{
	std::vector<fs::path> files;
	std::error_code ec;
	for (fs::directory_iterator it(stateDir / directoryName, ec), end; !ec && it != end; it.increment(ec)) {
		std::string name = it->path().filename().string();
		// Hidden names are compaction temp files.
		if (!name.starts_with(".") && name.ends_with(fileSuffix) && it->is_regular_file(ec))
			files.push_back(it->path());
	}
	std::sort(files.begin(), files.end());
	std::vector<JobFile> out;
	for (const auto &f : files)
		out.push_back(load(f, maxBytes));
	return out;
}

HistoryStore::AppendResult HistoryStore::append(const DrillRecord &record, std::int64_t nowMs)
{
	AppendResult result;
	if (::mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) {
		result.error = base::errnoText(dir_, "cannot create", errno);
		return result;
	}
	fs::path file = dir_ / fileNameFor(record.jobId);
	auto known = known_.find(record.jobId);
	std::optional<JobFile> first;
	if (known == known_.end()) {
		// First append to this file in this process: learn what it holds,
		// and repair what a crash left in it. A file not there yet loads
		// as an empty history (with an error nothing below looks at).
		first = load(file);
		const auto &records = first->history.records;
		known = known_.emplace(record.jobId, Known{records.size(), oldestFinished(records), lastRunId(records)})
				.first;
	}
	if (known->second.lastRunId == record.runId) {
		result.duplicate = true;
		return result;
	}
	if (first) {
		JobFile &f = *first;
		for (const auto &p : f.history.problems)
			result.repaired.push_back(file.string() + ":" + std::to_string(p.line) + ": " + p.what);
		if (f.skippedBytes > 0)
			result.repaired.push_back(file.string() + ": over " + std::to_string(maxFileBytes) +
						  " bytes; only its newest records were kept");
		if (!result.repaired.empty() && f.error.empty()) {
			f.history.records.push_back(record);
			result.error = compact(file, std::move(f.history.records), nowMs, known->second);
			result.compacted = !result.error;
			if (result.compacted)
				return result;
			// The old file is intact: append to it instead, past its torn line.
			result.error.reset();
		}
	}

	Fd f(::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
	struct stat st {};
	if (!f.valid() || ::fstat(f.get(), &st) != 0) {
		result.error = base::errnoText(file, "cannot open", errno);
		return result;
	}
	std::string line = endsClean(f.get(), st.st_size) ? encodeLine(record) : "\n" + encodeLine(record);
	auto failed = base::writeAll(f.get(), line);
	if (!failed && ::fsync(f.get()) != 0)
		failed = std::strerror(errno);
	if (failed) {
		// Take back what part of the line got written, and learn the file
		// afresh at the next append in case even that did not work.
		if (::ftruncate(f.get(), st.st_size) != 0)
			known_.erase(known);
		result.error = "cannot append to " + file.string() + ": " + *failed;
		return result;
	}
	if (st.st_size == 0)
		base::fsyncDirectory(dir_); // a new file's name must survive a power cut too
	Known &k = known->second;
	k.oldestFinishedMs = k.count == 0 ? record.finishedAtMs : std::min(k.oldestFinishedMs, record.finishedAtMs);
	++k.count;
	k.lastRunId = record.runId;
	if (retention_.wantsCompaction(k.count, k.oldestFinishedMs, nowMs)) {
		JobFile all = load(file);
		if (all.error.empty()) {
			result.error = compact(file, std::move(all.history.records), nowMs, k);
			result.compacted = !result.error;
		}
	}
	return result;
}

std::optional<std::string> HistoryStore::compact(const fs::path &file, std::vector<DrillRecord> records,
						 std::int64_t nowMs, Known &known)
{
	records = retention_.retain(std::move(records), nowMs);
	std::string text;
	for (const auto &r : records)
		text += encodeLine(r);
	fs::path tmp = dir_ / ("." + file.filename().string() + ".tmp");
	{
		Fd f(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
		if (!f.valid())
			return base::errnoText(tmp, "cannot open", errno);
		if (auto err = base::writeAll(f.get(), text))
			return "cannot write " + tmp.string() + ": " + *err;
		if (::fsync(f.get()) != 0)
			return base::errnoText(tmp, "cannot fsync", errno);
	}
	if (::rename(tmp.c_str(), file.c_str()) != 0)
		return base::errnoText(file, "cannot rename into place", errno);
	known = {records.size(), oldestFinished(records), lastRunId(records)};
	return base::fsyncDirectory(dir_);
}

} // namespace history
