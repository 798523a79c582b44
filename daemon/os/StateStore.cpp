// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/StateStore.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <ctime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/Fd.h"
#include "base/FileIo.h"
#include "base/ReadFile.h"
#include "daemon/os/DurableFile.h"
#include "daemon/os/StateRecordFormat.h"

namespace restored::os {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view suffix = ".json";
constexpr std::string_view tmpSuffix = ".tmp";
constexpr std::size_t nameMax = 255;

// Where a record is written before it is renamed over the live file: ".<name>.tmp".
fs::path slotPathFor(const fs::path &dir, const std::string &name)
{
	return dir / ("." + name + std::string(tmpSuffix));
}

std::string utcStamp()
{
	std::time_t t = std::time(nullptr);
	std::tm tm{};
	::gmtime_r(&t, &tm);
	char buf[32];
	std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
	return buf;
}

} // namespace

StateStore::StateStore(fs::path dir) : dir_(std::move(dir)) {}

std::string StateStore::fileNameFor(std::string_view jobId)
{
	static constexpr char hex[] = "0123456789ABCDEF";
	std::string name;
	for (std::size_t i = 0; i < jobId.size(); ++i) {
		unsigned char c = static_cast<unsigned char>(jobId[i]);
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
			     c == '-' || (c == '.' && i > 0);
		if (plain) {
			name.push_back(static_cast<char>(c));
		} else {
			name.push_back('%');
			name.push_back(hex[c >> 4]);
			name.push_back(hex[c & 0xF]);
		}
	}
	name.append(suffix);
	if (name == statusFileName)
		name.replace(0, 1, "%73"); // 's', encoded like any other byte
	return name;
}

std::optional<std::string> StateStore::save(std::string_view jobId, const boost::json::value &payload,
					    Durability durability)
{
	assert(!jobId.empty());
	std::string name = fileNameFor(jobId);
	// The temp name is longer than the final one; both must fit.
	if (name.size() + 1 + tmpSuffix.size() > nameMax)
		return "job id too long for a state file name: " + std::to_string(jobId.size()) + " bytes";
	fs::path finalPath = dir_ / name;
	// Hidden, so loadAll never mistakes it for a record.
	fs::path slotPath = slotPathFor(dir_, name);

	std::string text = formatStateRecord(jobId, payload);

	// From here on the slot no longer holds an earlier Deferred save: a
	// flush must not publish what a failed write leaves in it.
	unpublished_.erase(name);
	{
		// Written in place: the slot holds the previous record (or an
		// unpublished one), which nobody reads.
		base::Fd f(::open(slotPath.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
		if (!f.valid())
			return base::errnoText(slotPath, "cannot open", errno);
		if (auto err = base::writeAll(f.get(), text))
			return "cannot write " + slotPath.string() + ": " + *err;
		if (::ftruncate(f.get(), static_cast<off_t>(text.size())) != 0)
			return base::errnoText(slotPath, "cannot truncate", errno);
		// Its data is on disk before it becomes the live record, so a
		// power cut never leaves a live record half old, half new.
		int synced = durability == Durability::Durable   ? ::fsync(f.get())
			     : durability == Durability::Visible ? ::fdatasync(f.get())
								 : 0;
		if (synced != 0)
			return base::errnoText(slotPath, "cannot fsync", errno);
	}
	if (durability == Durability::Deferred) {
		unpublished_.insert(name);
		return std::nullopt;
	}
	if (publishSlot(slotPath, finalPath) != 0)
		return base::errnoText(finalPath, "cannot rename into place", errno);
	if (durability == Durability::Visible)
		return std::nullopt;
	// Without this the exchange itself may not survive a power cut.
	return base::fsyncDirectory(dir_);
}

bool StateStore::flushLater(std::string_view jobId)
{
	bool first = unflushed_.empty();
	unflushed_.insert(fileNameFor(jobId));
	return first;
}

bool StateStore::unflushed(std::string_view jobId) const { return unflushed_.count(fileNameFor(jobId)) > 0; }

std::optional<std::string> StateStore::flush(std::size_t limit)
{
	std::vector<std::string> names;
	while (!unflushed_.empty() && names.size() < limit)
		names.push_back(std::move(unflushed_.extract(unflushed_.begin()).value()));
	std::optional<std::string> firstError;
	for (const auto &name : names) {
		fs::path path = dir_ / name;
		fs::path slotPath = slotPathFor(dir_, name);
		// A Deferred save left its record in the slot: the same fsync,
		// publish order as a Durable save, for the whole group. When a
		// later save published a newer record since, that one is flushed.
		bool inSlot = unpublished_.erase(name) > 0;
		base::Fd f(::open((inSlot ? slotPath : path).c_str(), O_RDONLY | O_CLOEXEC));
		// A record removed since (its job was forgotten) needs no flush.
		if (!f.valid() && errno == ENOENT && !inSlot)
			continue;
		if (!f.valid() || ::fsync(f.get()) != 0 || (inSlot && publishSlot(slotPath, path) != 0)) {
			if (!firstError)
				firstError = base::errnoText(path, "cannot fsync and publish", errno);
		}
	}
	if (auto err = base::fsyncDirectory(dir_); err && !firstError)
		firstError = err;
	return firstError;
}

std::optional<std::string> StateStore::remove(std::string_view jobId)
{
	std::string name = fileNameFor(jobId);
	fs::path path = dir_ / name;
	// A Deferred record not flushed yet must not come back with the flush.
	unflushed_.erase(name);
	unpublished_.erase(name);
	::unlink(slotPathFor(dir_, name).c_str());
	if (::unlink(path.c_str()) != 0) {
		if (errno == ENOENT)
			return std::nullopt;
		return base::errnoText(path, "cannot remove", errno);
	}
	return base::fsyncDirectory(dir_);
}

fs::path StateStore::quarantine(std::string_view jobId) { return moveAside(dir_ / fileNameFor(jobId)); }

fs::path StateStore::moveAside(const fs::path &path)
{
	std::string base = path.string() + ".corrupt-" + utcStamp();
	// Two corrupt files in the same second must not overwrite each other.
	for (int i = 0; i < 100; ++i) {
		fs::path target = i == 0 ? fs::path(base) : fs::path(base + "-" + std::to_string(i));
		struct stat st;
		if (::lstat(target.c_str(), &st) == 0)
			continue;
		if (::rename(path.c_str(), target.c_str()) == 0) {
			base::fsyncDirectory(dir_);
			return target;
		}
		return {};
	}
	return {};
}

std::optional<StateStore::Problem> StateStore::loadOne(const fs::path &path, std::vector<Record> &out)
{
	auto text = base::readFile(path);
	if (auto *failure = std::get_if<base::ReadFailure>(&text))
		return Problem{path, unreadable(*failure), {}};
	auto parsed = parseStateRecord(std::get<std::string>(text), path.filename().string());
	if (auto *why = std::get_if<std::string>(&parsed))
		return Problem{path, std::move(*why), {}};
	out.push_back(std::move(std::get<Record>(parsed)));
	return std::nullopt;
}

StateStore::LoadResult StateStore::loadAll()
{
	LoadResult result;
	std::error_code ec;
	fs::directory_iterator it(dir_, ec);
	if (ec) {
		result.problems.push_back(Problem{dir_, "cannot list directory: " + ec.message(), {}});
		return result;
	}
	std::vector<fs::path> names;
	for (; it != fs::directory_iterator(); it.increment(ec)) {
		if (ec) {
			result.problems.push_back(Problem{dir_, "cannot list directory: " + ec.message(), {}});
			break;
		}
		names.push_back(it->path());
	}
	// Deterministic order makes logs and tests reproducible.
	std::sort(names.begin(), names.end());
	for (const fs::path &p : names) {
		std::string name = p.filename().string();
		if (name.starts_with(".") && name.ends_with(tmpSuffix)) {
			// A record's slot is kept for its next save. Without a
			// record it is a first save that crashed before its rename.
			std::string live = name.substr(1, name.size() - 1 - tmpSuffix.size());
			if (!std::binary_search(names.begin(), names.end(), dir_ / live))
				::unlink(p.c_str());
			continue;
		}
		if (name.starts_with(".") || !name.ends_with(suffix) || name == statusFileName)
			continue;
		if (auto problem = loadOne(p, result.records)) {
			problem->movedTo = moveAside(p);
			result.problems.push_back(std::move(*problem));
		}
	}
	return result;
}

} // namespace restored::os
