// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace restored::test {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents at
// the end of the test. Owned by one test; single-threaded.
class TempDir
{
public:
	TempDir()
	{
		const char *base = std::getenv("TMPDIR");
		std::string templ = std::string(base && *base ? base : "/tmp") + "/dbs-restored-test-XXXXXX";
		if (!::mkdtemp(templ.data()))
			throw std::runtime_error("mkdtemp failed");
		path_ = templ;
	}
	~TempDir()
	{
		std::error_code ec;
		std::filesystem::remove_all(path_, ec);
	}
	TempDir(const TempDir &) = delete;
	TempDir &operator=(const TempDir &) = delete;

	const std::filesystem::path &path() const { return path_; }

private:
	std::filesystem::path path_;
};

} // namespace restored::test
