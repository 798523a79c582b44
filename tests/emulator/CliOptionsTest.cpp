// SPDX-License-Identifier: Apache-2.0
// The dbs-emulator command line: every option, and each mistake named.
#include <gtest/gtest.h>

#include <stdexcept>

#include "emulator/CliOptions.h"

using emulator::parseCliOptions;

namespace {

std::string errorOf(const std::vector<std::string> &args)
{
	try {
		parseCliOptions(args);
	} catch (const std::invalid_argument &e) {
		return e.what();
	}
	return "(no error)";
}

TEST(CliOptions, ParsesEveryOption)
{
	auto o = parseCliOptions({"--listen", "127.0.0.1:0", "--fixture", "f.yaml", "--time-scale", "7200", "--faults",
				  "x.yaml", "--seed", "42", "--tls-cert", "c.pem", "--tls-key", "k.pem",
				  "--terminal-status", "completed"});
	EXPECT_EQ(o.host, "127.0.0.1");
	EXPECT_EQ(o.port, 0);
	EXPECT_EQ(o.fixtureFile, "f.yaml");
	EXPECT_DOUBLE_EQ(o.timeScale, 7200);
	EXPECT_EQ(o.faultsFile.value_or(""), "x.yaml");
	EXPECT_EQ(o.seed, 42u);
	EXPECT_EQ(o.tlsCert.value_or(""), "c.pem");
	EXPECT_EQ(o.tlsKey.value_or(""), "k.pem");
	EXPECT_EQ(o.terminalStatus, "completed");
}

TEST(CliOptions, DefaultsAndIpv6)
{
	auto o = parseCliOptions({"--fixture", "f.yaml", "--listen", "[::1]:8443"});
	EXPECT_EQ(o.host, "::1");
	EXPECT_EQ(o.port, 8443);
	EXPECT_DOUBLE_EQ(o.timeScale, 1.0);
	EXPECT_EQ(o.terminalStatus, "finish");
	EXPECT_FALSE(o.faultsFile.has_value());
}

TEST(CliOptions, MistakesAreNamed)
{
	EXPECT_EQ(errorOf({"--fixture", "f"}), "--listen HOST:PORT is required");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1:0"}), "--fixture FILE.yaml is required");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1"}), "--listen: expected HOST:PORT, got \"127.0.0.1\"");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1:99999", "--fixture", "f"}),
		  "--listen: expected a number, got \"99999\"");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1:0", "--fixture", "f", "--time-scale", "0"}),
		  "--time-scale: expected a number > 0");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1:0", "--fixture", "f", "--tls-cert", "c"}),
		  "--tls-cert and --tls-key go together");
	EXPECT_EQ(errorOf({"--listen", "127.0.0.1:0", "--fixture", "f", "--verbose"}), "unknown option \"--verbose\"");
	EXPECT_EQ(errorOf({"--listen"}), "--listen: expected a value");
}

} // namespace
