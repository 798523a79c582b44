// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Logging.h"

#include <cstdlib>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace os = restored::os;

using restored::os::LogTarget;

namespace {

// Sets $JOURNAL_STREAM for one test.
struct JournalStreamEnv {
	explicit JournalStreamEnv(const std::string &v) { ::setenv("JOURNAL_STREAM", v.c_str(), 1); }
	~JournalStreamEnv() { ::unsetenv("JOURNAL_STREAM"); }
};

std::string stderrDevIno()
{
	struct stat st;
	if (::fstat(STDERR_FILENO, &st) != 0)
		return "";
	return std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
	       std::to_string(static_cast<unsigned long long>(st.st_ino));
}

} // namespace

TEST(LoggingTest, ParsesConfiguredTarget)
{
	EXPECT_EQ(os::parseLogTarget("auto"), os::LogTarget::Auto);
	EXPECT_EQ(os::parseLogTarget("journald"), os::LogTarget::Journald);
	EXPECT_EQ(os::parseLogTarget("stderr"), os::LogTarget::Stderr);
	EXPECT_FALSE(os::parseLogTarget("syslog"));
	EXPECT_FALSE(os::parseLogTarget(""));
}

TEST(LoggingTest, AutoPicksJournaldOnlyWhenStderrIsTheJournalStream)
{
	::unsetenv("JOURNAL_STREAM");
	EXPECT_EQ(os::resolveLogTarget(os::LogTarget::Auto), os::LogTarget::Stderr);
	{
		JournalStreamEnv env(stderrDevIno());
		EXPECT_TRUE(os::stderrIsJournal());
		EXPECT_EQ(os::resolveLogTarget(os::LogTarget::Auto), os::LogTarget::Journald);
	}
	{
		// Inherited from a parent whose stream we no longer write to.
		JournalStreamEnv env("1:2");
		EXPECT_FALSE(os::stderrIsJournal());
		EXPECT_EQ(os::resolveLogTarget(os::LogTarget::Auto), os::LogTarget::Stderr);
	}
	EXPECT_EQ(os::resolveLogTarget(os::LogTarget::Journald), os::LogTarget::Journald);
	EXPECT_EQ(os::resolveLogTarget(os::LogTarget::Stderr), os::LogTarget::Stderr);
}

TEST(LoggingTest, SetupInstallsDefaultLoggerAtLevel)
{
	::unsetenv("JOURNAL_STREAM");
	EXPECT_EQ(os::setupLogging(os::LogTarget::Auto, spdlog::level::warn), os::LogTarget::Stderr);
	EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::warn);
	EXPECT_EQ(os::setupLogging(os::LogTarget::Journald, spdlog::level::debug), os::LogTarget::Journald);
	EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::debug);
}
