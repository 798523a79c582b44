// SPDX-License-Identifier: Apache-2.0
#include "metrics/TextfileWriter.h"

#include <cerrno>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include "base/FileIo.h"

namespace metrics {

TextfileWriter::TextfileWriter(std::filesystem::path path, std::chrono::milliseconds minInterval, Clock now)
	: path_(std::move(path)), minInterval_(minInterval), now_(std::move(now))
{}

TextfileWriter::Result TextfileWriter::offer(const std::string &text, bool force)
{
	std::size_t hash = std::hash<std::string_view>{}(text);
	if (writtenHash_ == hash) {
		pending_ = false;
		return Result::Unchanged;
	}
	auto now = now_();
	if (!force && writtenAt_ && now - *writtenAt_ < minInterval_) {
		pending_ = true;
		return Result::TooSoon;
	}
	pending_ = false;
	if (!write(text))
		return Result::Failed;
	writtenHash_ = hash;
	writtenAt_ = now;
	error_.clear();
	return Result::Written;
}

bool TextfileWriter::write(const std::string &text)
{
	auto tmp = path_;
	tmp += "." + std::to_string(getpid());
	auto fail = [this, &tmp](const char *what) {
		error_ = base::errnoText(tmp, what, errno);
		::unlink(tmp.c_str());
		return false;
	};
	int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return fail("cannot create");
	if (::fchmod(fd, 0644) != 0 || base::writeAll(fd, text)) {
		int saved = errno;
		::close(fd);
		errno = saved;
		return fail("cannot write");
	}
	if (::close(fd) != 0)
		return fail("cannot write");
	if (::rename(tmp.c_str(), path_.c_str()) != 0)
		return fail("cannot rename");
	return true;
}

} // namespace metrics
