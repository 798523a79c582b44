// SPDX-License-Identifier: Apache-2.0
// The configuration `meson install` puts in /etc/dbs-restored must be valid
// and must fit the unit's sandbox: absolute paths under /etc (read-only)
// and /var/lib/dbs-restored (StateDirectory=), the control socket in
// /run/dbs-restored (RuntimeDirectory=), and the key as the
// credential the unit loads (LoadCredential=dbs-access-key:...).
#include "config/MainConfig.h"

#include <cstdlib>

#include <gtest/gtest.h>

TEST(PackagedConfigTest, ParsesAndMatchesTheUnit)
{
	const char *path = std::getenv("DBS_PACKAGED_CONFIG");
	if (!path) {
		GTEST_SKIP() << "DBS_PACKAGED_CONFIG not set (meson sets it)";
	}
	config::MainConfigResult r = config::loadMainConfig(path);
	for (const auto &e : r.errors) {
		ADD_FAILURE() << e.format();
	}
	ASSERT_TRUE(r.ok());
	const config::MainConfig &c = *r.config;
	EXPECT_EQ(c.jobsDir.lexically_normal(), "/etc/dbs-restored/jobs.d");
	EXPECT_EQ(c.stateDir.lexically_normal(), "/var/lib/dbs-restored");
	EXPECT_EQ(c.controlSocket, "/run/dbs-restored/control.sock"); // RuntimeDirectory=dbs-restored
	EXPECT_EQ(c.credentials.kind, config::CredentialsSource::Kind::Credential);
	EXPECT_EQ(c.credentials.value, "dbs-access-key");
	EXPECT_EQ(c.log.target, config::LogConfig::Target::Auto);
	// The metrics endpoint is on, on loopback, at the documented port.
	ASSERT_TRUE(c.metrics.listen);
	EXPECT_EQ(c.metrics.listen->format(), "127.0.0.1:9612");
	EXPECT_TRUE(c.metrics.listen->loopback());
	EXPECT_TRUE(c.metrics.textfile.empty()); // /etc and /var/lib/prometheus are read-only in the sandbox
}
