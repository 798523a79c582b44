// SPDX-License-Identifier: Apache-2.0
#include "config/JobDirectory.h"

#include <algorithm>
#include <map>

#include "config/InputLimits.h"
#include "config/JobFileParser.h"

namespace config {

bool isJobFileName(std::string_view name)
{
	// Editors and dpkg/rpm leave these next to real files during a save or
	// an upgrade; loading them would run a half-written or stale job.
	if (name.empty() || name.front() == '.' || name.front() == '#' || name.back() == '~')
		return false;
	for (auto bad : {".swp", ".swx", ".tmp", ".rpmnew", ".rpmsave"})
		if (name.ends_with(bad))
			return false;
	if (name.find(".dpkg-") != std::string_view::npos)
		return false;
	std::string_view stem;
	if (name.ends_with(".yaml"))
		stem = name.substr(0, name.size() - 5);
	else if (name.ends_with(".yml"))
		stem = name.substr(0, name.size() - 4);
	else
		return false;
	return !stem.empty();
}

std::vector<std::filesystem::path> listJobFiles(const std::filesystem::path &dir, std::optional<ConfigError> &error)
{
	namespace fs = std::filesystem;
	std::vector<fs::path> out;
	std::error_code ec;
	fs::directory_iterator it(dir, ec);
	if (ec) {
		error = ConfigError{dir.string(), 1, 1, "cannot read the jobs directory: " + ec.message(),
				    "an existing, readable directory (jobs_dir)"};
		return out;
	}
	for (; it != fs::directory_iterator(); it.increment(ec)) {
		if (ec)
			break;
		if (isJobFileName(it->path().filename().string()))
			out.push_back(it->path());
	}
	if (ec)
		error = ConfigError{dir.string(), 1, 1, "error while listing the jobs directory: " + ec.message(),
				    "a readable directory (jobs_dir)"};
	std::sort(out.begin(), out.end(),
		  [](const fs::path &a, const fs::path &b) { return a.filename().string() < b.filename().string(); });
	return out;
}

void rejectDuplicateIds(std::vector<JobFileResult> &files)
{
	std::map<std::string, const JobFileResult *> seen;
	for (auto &f : files) {
		if (!f.spec)
			continue;
		auto [it, inserted] = seen.emplace(f.spec->id, &f);
		if (inserted)
			continue;
		f.errors.push_back(
			ConfigError{f.spec->sourceFile, 1, 1,
				    "job id '" + f.spec->id + "' is already used by " + it->second->spec->sourceFile,
				    "a job id unique across the jobs directory"});
		f.spec.reset();
	}
}

JobsDirResult loadJobsDir(const std::filesystem::path &dir, const JobDefaults &defaults)
{
	JobsDirResult result;
	auto paths = listJobFiles(dir, result.dirError);
	for (std::size_t i = 0; i < paths.size(); ++i) {
		const auto &path = paths[i];
		if (i >= InputLimits::maxJobFiles) {
			// Each one named, so nothing is dropped without a word.
			result.files.push_back(
				{path,
				 std::nullopt,
				 {ConfigError{std::filesystem::absolute(path).lexically_normal().string(), 1, 1,
					      "not loaded: the jobs directory holds " + std::to_string(paths.size()) +
						      " job files, over the limit of " +
						      std::to_string(InputLimits::maxJobFiles),
					      "at most " + std::to_string(InputLimits::maxJobFiles) +
						      " job files in jobs_dir"}}});
			continue;
		}
		auto parsed = parseJobFile(path, defaults);
		result.files.push_back({path, std::move(parsed.spec), std::move(parsed.errors)});
	}
	rejectDuplicateIds(result.files);
	return result;
}

std::vector<JobSpec> JobsDirResult::validSpecs() const
{
	std::vector<JobSpec> out;
	for (const auto &f : files)
		if (f.spec)
			out.push_back(*f.spec);
	return out;
}

std::size_t JobsDirResult::errorCount() const
{
	std::size_t n = dirError ? 1 : 0;
	for (const auto &f : files)
		n += f.errors.size();
	return n;
}

} // namespace config
