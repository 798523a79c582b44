// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Logging.h"

#include <cstdlib>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

using restored::LogTarget;

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
	EXPECT_EQ(restored::parseLogTarget("auto"), LogTarget::Auto);
	EXPECT_EQ(restored::parseLogTarget("journald"), LogTarget::Journald);
	EXPECT_EQ(restored::parseLogTarget("stderr"), LogTarget::Stderr);
	EXPECT_FALSE(restored::parseLogTarget("syslog"));
	EXPECT_FALSE(restored::parseLogTarget(""));
}

TEST(LoggingTest, AutoPicksJournaldOnlyWhenStderrIsTheJournalStream)
{
	::unsetenv("JOURNAL_STREAM");
	EXPECT_EQ(restored::resolveLogTarget(LogTarget::Auto), LogTarget::Stderr);
	{
		JournalStreamEnv env(stderrDevIno());
		EXPECT_TRUE(restored::stderrIsJournal());
		EXPECT_EQ(restored::resolveLogTarget(LogTarget::Auto), LogTarget::Journald);
	}
	{
		// Inherited from a parent whose stream we no longer write to.
		JournalStreamEnv env("1:2");
		EXPECT_FALSE(restored::stderrIsJournal());
		EXPECT_EQ(restored::resolveLogTarget(LogTarget::Auto), LogTarget::Stderr);
	}
	EXPECT_EQ(restored::resolveLogTarget(LogTarget::Journald), LogTarget::Journald);
	EXPECT_EQ(restored::resolveLogTarget(LogTarget::Stderr), LogTarget::Stderr);
}

TEST(LoggingTest, SetupInstallsDefaultLoggerAtLevel)
{
	::unsetenv("JOURNAL_STREAM");
	EXPECT_EQ(restored::setupLogging(LogTarget::Auto, spdlog::level::warn), LogTarget::Stderr);
	EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::warn);
	EXPECT_EQ(restored::setupLogging(LogTarget::Journald, spdlog::level::debug), LogTarget::Journald);
	EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::debug);
}
