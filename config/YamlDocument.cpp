// SPDX-License-Identifier: Apache-2.0
#include "config/YamlDocument.h"

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

#include "base/ReadFile.h"
#include "config/YamlBounds.h"
#include "config/YamlDocumentCount.h"

namespace config {

namespace {

constexpr const char *readableFile = "a readable regular YAML file";

// Why open() failed, in the words a user searches for.
std::string describeOpenError(const std::filesystem::path &path, int err)
{
	std::error_code ec;
	bool isLink = std::filesystem::is_symlink(path, ec);
	if (err == ELOOP)
		return "symbolic link loop (too many levels of symbolic links)";
	if (err == ENOENT && isLink)
		return "dangling symbolic link to '" + std::filesystem::read_symlink(path, ec).string() + "'";
	if (err == EACCES)
		return "cannot open file: permission denied";
	return std::string("cannot open file: ") + std::strerror(err);
}

std::string describeType(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISFIFO(mode))
		return "is a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "is a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device";
	return "is not a regular file";
}

} // namespace

std::optional<YAML::Node> loadYamlDocument(std::string_view text, Diagnostics &diag)
{
	try {
		// Never YAML::LoadAll(): see countYamlDocuments().
		YamlDocumentCount count = countYamlDocuments(text);
		if (count.documents == 0)
			return YAML::Node();
		// A second document would be silently ignored; a stray "---" is a mistake.
		if (count.documents > 1) {
			diag.add(count.secondRoot, "more than one YAML document in the file (or a stray ',' after it)",
				 "a single document");
			return std::nullopt;
		}
		YAML::Node doc = YAML::Load(std::string(text));
		if (!checkYamlBounds(doc, diag))
			return std::nullopt;
		return doc;
	} catch (const YAML::Exception &e) {
		// e.what() repeats the location in yaml-cpp's own format; e.msg is just the reason.
		diag.add(e.mark, "YAML syntax error: " + e.msg, "well-formed YAML");
	}
	return std::nullopt;
}

std::optional<std::string> readTextFile(const std::filesystem::path &path, Diagnostics &diag, std::size_t maxBytes)
{
	auto read = base::readFile(path, maxBytes);
	if (auto *text = std::get_if<std::string>(&read))
		return std::move(*text);
	const auto &failure = std::get<base::ReadFailure>(read);
	struct stat st {};
	switch (failure.kind) {
	case base::ReadFailure::Kind::Open:
		// A socket cannot be opened at all (ENXIO); say what it is instead.
		if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
			diag.addAt(1, 1, describeType(st.st_mode), readableFile);
		else
			diag.addAt(1, 1, describeOpenError(path, failure.err), readableFile);
		break;
	case base::ReadFailure::Kind::NotRegular: diag.addAt(1, 1, describeType(failure.mode), readableFile); break;
	case base::ReadFailure::Kind::TooLarge:
		diag.addAt(1, 1,
			   "file is " + std::to_string(failure.size) + " bytes, over the limit of " +
				   std::to_string(maxBytes),
			   "a file of at most " + std::to_string(maxBytes) + " bytes");
		break;
	case base::ReadFailure::Kind::Read:
		diag.addAt(1, 1, std::string("cannot read file: ") + std::strerror(failure.err), readableFile);
		break;
	}
	return std::nullopt;
}

std::filesystem::path resolveAgainst(const std::filesystem::path &baseDir, const std::filesystem::path &p)
{
	std::filesystem::path full = p.is_absolute() ? p : baseDir / p;
	return full.lexically_normal();
}

} // namespace config
