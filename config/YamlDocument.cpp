// SPDX-License-Identifier: Apache-2.0
#include "config/YamlDocument.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/YamlBounds.h"
#include "config/YamlDocumentCount.h"

namespace config {

namespace {

constexpr const char* readableFile = "a readable regular YAML file";

// Why open() failed, in the words a user searches for.
std::string describeOpenError(const std::filesystem::path& path, int err)
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

class FdCloser {
public:
	explicit FdCloser(int fd) : fd_(fd) {}
	~FdCloser() { ::close(fd_); }
	FdCloser(const FdCloser&) = delete;
	FdCloser& operator=(const FdCloser&) = delete;

private:
	int fd_;
};

} // namespace

std::optional<YAML::Node> loadYamlDocument(std::string_view text, Diagnostics& diag)
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
	} catch (const YAML::Exception& e) {
		// e.what() repeats the location in yaml-cpp's own format; e.msg is just the reason.
		diag.add(e.mark, "YAML syntax error: " + e.msg, "well-formed YAML");
	}
	return std::nullopt;
}

std::optional<std::string> readTextFile(const std::filesystem::path& path, Diagnostics& diag, std::size_t maxBytes)
{
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		int err = errno;
		// A socket cannot be opened at all (ENXIO); say what it is instead.
		struct stat st {};
		if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
			diag.addAt(1, 1, describeType(st.st_mode), readableFile);
		else
			diag.addAt(1, 1, describeOpenError(path, err), readableFile);
		return std::nullopt;
	}
	FdCloser closer(fd);
	struct stat st {};
	if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag.addAt(1, 1, describeType(st.st_mode), readableFile);
		return std::nullopt;
	}
	auto tooLarge = [&](std::size_t size) {
		diag.addAt(1, 1, "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(maxBytes),
			"a file of at most " + std::to_string(maxBytes) + " bytes");
	};
	if (static_cast<std::size_t>(st.st_size) > maxBytes) {
		tooLarge(static_cast<std::size_t>(st.st_size));
		return std::nullopt;
	}
	// The file may grow between fstat() and read(): never read past the cap.
	std::string text(maxBytes + 1, '\0');
	std::size_t got = 0;
	while (got < text.size()) {
		ssize_t n = ::read(fd, text.data() + got, text.size() - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag.addAt(1, 1, std::string("cannot read file: ") + std::strerror(errno), readableFile);
			return std::nullopt;
		}
		if (n == 0)
			break;
		got += static_cast<std::size_t>(n);
	}
	if (got > maxBytes) {
		tooLarge(got);
		return std::nullopt;
	}
	text.resize(got);
	return text;
}

std::filesystem::path resolveAgainst(const std::filesystem::path& baseDir, const std::filesystem::path& p)
{
	std::filesystem::path full = p.is_absolute() ? p : baseDir / p;
	return full.lexically_normal();
}

} // namespace config
