// SPDX-License-Identifier: Apache-2.0
#include "daemon/CommandLine.h"

#include <gtest/gtest.h>

using restored::CommandLine;
using restored::CommandLineError;
using restored::parseCommandLine;

TEST(CommandLine, DefaultsToTheSystemConfig)
{
	auto c = std::get<CommandLine>(parseCommandLine({}));
	EXPECT_EQ(c.configPath, "/etc/dbs-restored/dbs-restored.yaml");
	EXPECT_FALSE(c.once);
	EXPECT_FALSE(c.checkConfig);
}

TEST(CommandLine, ReadsEveryOption)
{
	auto c = std::get<CommandLine>(parseCommandLine({"--config", "/tmp/x.yaml", "--once"}));
	EXPECT_EQ(c.configPath, "/tmp/x.yaml");
	EXPECT_TRUE(c.once);
	c = std::get<CommandLine>(parseCommandLine({"--check-config", "--config=/a.yaml"}));
	EXPECT_TRUE(c.checkConfig);
	EXPECT_EQ(c.configPath, "/a.yaml");
	EXPECT_TRUE(std::get<CommandLine>(parseCommandLine({"--status"})).status);
}

TEST(CommandLine, RejectsUnknownAndContradictoryArguments)
{
	auto e = std::get<CommandLineError>(parseCommandLine({"--frobnicate"}));
	EXPECT_NE(e.message.find("--frobnicate"), std::string::npos);
	EXPECT_TRUE(std::holds_alternative<CommandLineError>(parseCommandLine({"--config"})));
	EXPECT_TRUE(std::holds_alternative<CommandLineError>(parseCommandLine({"--once", "--check-config"})));
}

TEST(CommandLine, ReadsTheProbeAndItsOptions)
{
	auto c = std::get<CommandLine>(parseCommandLine({"--probe"}));
	EXPECT_TRUE(c.probe);
	EXPECT_FALSE(c.probeJson);
	EXPECT_FALSE(c.redact);
	EXPECT_TRUE(c.probePlan.empty());
	c = std::get<CommandLine>(parseCommandLine({"--probe", "--plan", "dbsplan1", "--format", "json", "--redact"}));
	EXPECT_EQ(c.probePlan, "dbsplan1");
	EXPECT_TRUE(c.probeJson);
	EXPECT_TRUE(c.redact);
	EXPECT_FALSE(std::get<CommandLine>(parseCommandLine({"--probe", "--format", "text"})).probeJson);
}

TEST(CommandLine, ProbeOptionsNeedTheProbe)
{
	for (std::vector<std::string> bad : {std::vector<std::string>{"--redact"},
					     {"--plan", "p"},
					     {"--format", "json"},
					     {"--probe", "--format", "yaml"},
					     {"--probe", "--plan"},
					     {"--probe", "--once"}})
		EXPECT_TRUE(std::holds_alternative<CommandLineError>(parseCommandLine(bad))) << bad[0];
}

TEST(CommandLine, ReadsTheHistoryAndItsOptionalJob)
{
	auto c = std::get<CommandLine>(parseCommandLine({"--history"}));
	EXPECT_TRUE(c.history);
	EXPECT_TRUE(c.historyJob.empty());
	c = std::get<CommandLine>(parseCommandLine({"--history", "nightly-drill", "--config", "/a.yaml"}));
	EXPECT_EQ(c.historyJob, "nightly-drill");
	EXPECT_EQ(c.configPath, "/a.yaml");
	c = std::get<CommandLine>(parseCommandLine({"--history", "--config", "/a.yaml"}));
	EXPECT_TRUE(c.historyJob.empty()) << "an option is not a job";
	auto e = std::get<CommandLineError>(parseCommandLine({"--history", "../etc/passwd"}));
	EXPECT_NE(e.message.find("is not a job id"), std::string::npos);
}

TEST(CommandLine, ReadsTheReportAndItsPeriodAndFormat)
{
	using namespace std::chrono_literals;
	auto c = std::get<CommandLine>(parseCommandLine({"--report"}));
	EXPECT_TRUE(c.report);
	EXPECT_EQ(c.since, std::chrono::days(30));
	EXPECT_EQ(c.reportFormat, history::ReportFormat::Csv);
	c = std::get<CommandLine>(parseCommandLine({"--report", "--since", "12h", "--format", "json"}));
	EXPECT_EQ(c.since, 12h);
	EXPECT_EQ(c.reportFormat, history::ReportFormat::Json);
	EXPECT_EQ(std::get<CommandLine>(parseCommandLine({"--report", "--format", "csv"})).reportFormat,
		  history::ReportFormat::Csv);
	EXPECT_EQ(std::get<CommandLine>(parseCommandLine({"--report", "--format", "html"})).reportFormat,
		  history::ReportFormat::Html);
}

TEST(CommandLine, ReportAndHistoryOptionsAreChecked)
{
	for (std::vector<std::string> bad : {std::vector<std::string>{"--since", "7d"},
					     {"--report", "--since", "0s"},
					     {"--report", "--since", "soon"},
					     {"--report", "--since"},
					     {"--report", "--format", "text"},
					     {"--probe", "--format", "csv"},
					     {"--probe", "--format", "html"},
					     {"--history", "--format", "json"},
					     {"--history", "--report"},
					     {"--report", "--status"}})
		EXPECT_TRUE(std::holds_alternative<CommandLineError>(parseCommandLine(bad))) << bad[0] << " " << bad[1];
}

TEST(CommandLine, RunNowAndCancelTakeAValidJobId)
{
	auto c = std::get<CommandLine>(parseCommandLine({"--run-now", "nightly-drill"}));
	EXPECT_EQ(c.runNow, "nightly-drill");
	EXPECT_EQ(c.cancel, "");
	c = std::get<CommandLine>(parseCommandLine({"--cancel", "a.b_c", "--config", "/x.yaml"}));
	EXPECT_EQ(c.cancel, "a.b_c");
	EXPECT_EQ(c.configPath, "/x.yaml");
	EXPECT_NE(std::get<CommandLineError>(parseCommandLine({"--run-now"})).message.find("needs a job id"),
		  std::string::npos);
	auto e = std::get<CommandLineError>(parseCommandLine({"--cancel", "../etc\x1b"}));
	EXPECT_NE(e.message.find("not a valid job id"), std::string::npos) << e.message;
	EXPECT_EQ(e.message.find('\x1b'), std::string::npos) << "the terminal gets no escape sequence";
}

TEST(CommandLine, RunNowAndCancelExcludeEachOtherAndTheOtherModes)
{
	for (std::vector<std::string> args : {std::vector<std::string>{"--run-now", "a", "--cancel", "a"},
					      {"--run-now", "a", "--status"},
					      {"--cancel", "a", "--once"},
					      {"--run-now", "a", "--probe"},
					      {"--cancel", "a", "--check-config"}})
		EXPECT_TRUE(std::holds_alternative<CommandLineError>(parseCommandLine(args))) << args[2];
}
