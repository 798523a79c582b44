// SPDX-License-Identifier: Apache-2.0
// What --status, --run-now and --cancel do when no daemon listens; the
// answers of a running daemon are the e2e test ControlSocketTest's.
#include "daemon/ControlCommand.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "TempDir.h"

using namespace restored;

namespace {

struct NoDaemon {
	restored::test::TempDir dir;
	config::MainConfig cfg;
	std::ostringstream out, err;

	NoDaemon()
	{
		cfg.stateDir = dir.path();
		cfg.controlSocket = dir.path() / "control.sock"; // nobody listens
	}
	int run(std::vector<std::string> args)
	{
		return runControlCommand(cfg, std::get<CommandLine>(parseCommandLine(args)), out, err);
	}
};

} // namespace

TEST(ControlCommand, StatusWithoutADaemonPrintsTheStatusFile)
{
	NoDaemon s;
	std::ofstream(s.dir.path() / "status.json") << "{\"jobs\":[]}\n";
	EXPECT_EQ(s.run({"--status"}), 0);
	EXPECT_EQ(s.out.str(), "{\"jobs\":[]}\n");
	EXPECT_EQ(s.err.str(), "");
}

TEST(ControlCommand, StatusWithNeitherDaemonNorFileFails)
{
	NoDaemon s;
	EXPECT_EQ(s.run({"--status"}), 1);
	EXPECT_NE(s.err.str().find("no status at"), std::string::npos) << s.err.str();
}

TEST(ControlCommand, RunNowAndCancelWithoutADaemonFailAndSaySo)
{
	for (auto option : {"--run-now", "--cancel"}) {
		NoDaemon s;
		std::ofstream(s.dir.path() / "status.json") << "{\"jobs\":[]}\n";
		EXPECT_EQ(s.run({option, "nightly"}), 1) << option;
		EXPECT_EQ(s.out.str(), "") << option;
		EXPECT_NE(s.err.str().find("no daemon listens on " + s.cfg.controlSocket.string()), std::string::npos)
			<< s.err.str();
	}
}
