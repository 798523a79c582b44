// SPDX-License-Identifier: Apache-2.0
#include "config/MainConfig.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using config::MainConfigResult;
using config::parseMainConfig;
using testing::HasSubstr;
using testing::Not;

namespace {

const char *const path = "/etc/dbs-restored/dbs-restored.yaml";

std::vector<std::string> formatted(const MainConfigResult &r)
{
	std::vector<std::string> out;
	for (const auto &e : r.errors)
		out.push_back(e.format());
	return out;
}

} // namespace

TEST(MainConfig, EmptyFileMeansDefaults)
{
	auto r = parseMainConfig("", path);
	ASSERT_TRUE(r.ok());
	const auto &c = *r.config;
	EXPECT_EQ(c.jobsDir, "/etc/dbs-restored/jobs.d/");
	EXPECT_EQ(c.stateDir, "/var/lib/dbs-restored");
	EXPECT_EQ(c.api.region, "cn-hangzhou");
	EXPECT_EQ(c.api.endpoint, "");
	EXPECT_EQ(c.api.signature, config::ApiConfig::Signature::V3);
	EXPECT_EQ(c.credentials.kind, config::CredentialsSource::Kind::Credential);
	EXPECT_EQ(c.credentials.value, "dbs-access-key");
	EXPECT_EQ(c.rescanInterval, 5min);
	EXPECT_EQ(c.defaults.retry.maxAttempts, 8);
	EXPECT_EQ(c.log.target, config::LogConfig::Target::Auto);
}

TEST(MainConfig, ReadsEveryKeyAndResolvesRelativePaths)
{
	auto r = parseMainConfig(R"(
jobs_dir: jobs.d
state_dir: ../state
api:
  region: cn-shanghai
  endpoint: http://127.0.0.1:8080
  ca_file: certs/ca.pem
  signature: v1-post
  timeouts: {connect: 2s, read: 45s, total: 2m}
  rate_limit: {requests_per_second: 2.5, burst: 4}
credentials:
  file: credentials/key
defaults:
  retry: {max_attempts: 5, initial_backoff: 500ms, max_backoff: 1m, jitter: none, throttle_factor: 2}
  poll_interval: 10s
  stall_timeout: 3h
  deadline: 2d
max_running_jobs: 2
rescan_interval: 1m
log: {target: stderr, level: debug}
)",
				 "/srv/dbs/conf/main.yaml");
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	const auto &c = *r.config;
	EXPECT_EQ(c.sourceFile, "/srv/dbs/conf/main.yaml");
	EXPECT_EQ(c.jobsDir, "/srv/dbs/conf/jobs.d");
	EXPECT_EQ(c.stateDir, "/srv/dbs/state");
	EXPECT_EQ(c.api.region, "cn-shanghai");
	EXPECT_EQ(c.api.endpoint, "http://127.0.0.1:8080");
	EXPECT_EQ(c.api.caFile, "/srv/dbs/conf/certs/ca.pem");
	EXPECT_EQ(c.api.signature, config::ApiConfig::Signature::V1Post);
	EXPECT_EQ(c.api.timeouts.connect, 2s);
	EXPECT_EQ(c.api.timeouts.read, 45s);
	EXPECT_EQ(c.api.timeouts.total, 2min);
	EXPECT_DOUBLE_EQ(c.api.rateLimit.requestsPerSecond, 2.5);
	EXPECT_EQ(c.api.rateLimit.burst, 4);
	EXPECT_EQ(c.credentials.kind, config::CredentialsSource::Kind::File);
	EXPECT_EQ(c.credentials.value, "/srv/dbs/conf/credentials/key");
	EXPECT_EQ(c.defaults.retry.maxAttempts, 5);
	EXPECT_EQ(c.defaults.retry.initialBackoff, 500ms);
	EXPECT_EQ(c.defaults.retry.maxBackoff, 1min);
	EXPECT_EQ(c.defaults.retry.jitter, config::RetryPolicy::Jitter::None);
	EXPECT_DOUBLE_EQ(c.defaults.retry.throttleFactor, 2.0);
	EXPECT_EQ(c.defaults.pollInterval, 10s);
	EXPECT_EQ(c.defaults.stallTimeout, 3h);
	EXPECT_EQ(c.defaults.deadline, 48h);
	EXPECT_EQ(c.maxRunningJobs, 2);
	EXPECT_EQ(c.rescanInterval, 1min);
	EXPECT_EQ(c.log.target, config::LogConfig::Target::Stderr);
	EXPECT_EQ(c.log.level, "debug");
}

TEST(MainConfig, CredentialName)
{
	auto r = parseMainConfig("credentials:\n  credential: my-key\n", path);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(r.config->credentials.kind, config::CredentialsSource::Kind::Credential);
	EXPECT_EQ(r.config->credentials.value, "my-key");
}

TEST(MainConfig, InlineAccessKeyIsRejectedWithoutEchoingIt)
{
	auto r = parseMainConfig("credentials:\n  access_key_id: LTAIexample\n  access_key_secret: s3cr3t-value\n",
				 path);
	ASSERT_FALSE(r.ok());
	// Both keys, then the missing source.
	ASSERT_EQ(r.errors.size(), 3u);
	EXPECT_EQ(r.errors[2].expected, "exactly one of 'credential' or 'file'");
	EXPECT_EQ(
		r.errors[1].format(),
		std::string(path) +
			":3:3: inline secret 'access_key_secret' in the credentials "
			"section is not allowed: secrets must not be written into configuration files; expected 'credential: <name>' "
			"(systemd LoadCredential=) or 'file: <path>' pointing to a key file");
	for (const auto &line : formatted(r)) {
		EXPECT_THAT(line, Not(HasSubstr("s3cr3t-value")));
		EXPECT_THAT(line, Not(HasSubstr("LTAIexample")));
	}
	// At the top level too.
	auto top = parseMainConfig("access_key_secret: s3cr3t-value\n", path);
	ASSERT_EQ(top.errors.size(), 1u);
	EXPECT_THAT(top.errors[0].what, HasSubstr("inline secret"));
}

TEST(MainConfig, CredentialAndFileAreExclusive)
{
	auto r = parseMainConfig("credentials:\n  credential: a\n  file: /b\n", path);
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(
		r.errors[0].format(),
		std::string(path) +
			":3:3: 'credential' and 'file' are mutually exclusive in the credentials section; expected only one of them");
	auto none = parseMainConfig("credentials: {}\n", path);
	ASSERT_EQ(none.errors.size(), 1u);
	EXPECT_EQ(none.errors[0].expected, "exactly one of 'credential' or 'file'");
	auto slash = parseMainConfig("credentials: {credential: a/b}\n", path);
	ASSERT_EQ(slash.errors.size(), 1u);
	EXPECT_THAT(slash.errors[0].what, HasSubstr("plain name"));
}

TEST(MainConfig, BackoffRangeIsChecked)
{
	auto r = parseMainConfig("defaults:\n  retry:\n    initial_backoff: 10s\n    max_backoff: 5s\n", path);
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(
		r.errors[0].format(),
		std::string(path) +
			":4:18: max_backoff (5s) is shorter than initial_backoff (10s); expected max_backoff >= initial_backoff");
	// Only initial_backoff set, above the default max_backoff (2m).
	EXPECT_FALSE(parseMainConfig("defaults: {retry: {initial_backoff: 3m}}\n", path).ok());
}

TEST(MainConfig, YamlSyntaxErrorHasLocation)
{
	auto r = parseMainConfig("api:\n  region: [cn-hangzhou\n", path);
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(r.errors[0].line, 3);
	EXPECT_THAT(r.errors[0].what, HasSubstr("YAML syntax error"));
}

TEST(MainConfig, TopLevelMustBeAMapping)
{
	auto r = parseMainConfig("- a\n- b\n", path);
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(r.errors[0].format(),
		  std::string(path) + ":1:1: the main configuration is a list; expected a mapping of keys to values");
}

TEST(MainConfig, MissingFileIsAnErrorNotAnException)
{
	auto r = config::loadMainConfig("/nonexistent/dbs-restored.yaml");
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(r.errors[0].format(),
		  "/nonexistent/dbs-restored.yaml:1:1: cannot open file: No such file or directory; "
		  "expected a readable regular YAML file");
	EXPECT_THROW(config::loadMainConfigOrThrow("/nonexistent/dbs-restored.yaml"), config::ConfigException);
}

TEST(MainConfig, AllErrorsAreReportedTogether)
{
	auto r = parseMainConfig(R"(jobs_dir: [a, b]
api:
  region: cn-hangzhou
  signature: v2
  timeouts: {connect: 5 s, read: 0s}
  rate_limit: {burst: many}
  colour: blue
credentials:
  credential: dbs-access-key
  file: key
max_running_jobs: 0
rescan_interval: -5m
log: {target: syslog}
)",
				 path);
	const std::string p = path;
	EXPECT_THAT(
		formatted(r),
		testing::ElementsAre(
			p + ":1:11: 'jobs_dir' in the main configuration is a list; expected a directory path",
			p + ":7:3: unknown key 'colour' in the api section; expected one of: region, endpoint, ca_file, signature, "
			    "timeouts, rate_limit",
			p + ":4:14: 'signature' in the api section has an unsupported value 'v2'; expected one of: v3, v1-get, v1-post",
			p + ":5:23: 'connect' in the api.timeouts section is not a valid duration (missing unit after 5): '5 s'; "
			    "expected a duration from 100ms to 10m such as 500ms, 30s, 5m, 2h, 1d or 1h30m",
			p + ":5:34: 'read' in the api.timeouts section is out of range: 0s; expected a duration from 100ms to 1h such "
			    "as 500ms, 30s, 5m, 2h, 1d or 1h30m",
			p + ":6:23: 'burst' in the api.rate_limit section is not an integer: 'many'; expected an integer from 1 to 10000",
			p + ":10:3: 'credential' and 'file' are mutually exclusive in the credentials section; expected only one of them",
			p + ":11:19: 'max_running_jobs' in the main configuration is out of range: 0; expected an integer from 1 to 100000",
			p + ":12:18: 'rescan_interval' in the main configuration is not a valid duration (negative duration): '-5m'; "
			    "expected a duration from 1s to 1d such as 500ms, 30s, 5m, 2h, 1d or 1h30m",
			p + ":13:15: 'target' in the log section has an unsupported value 'syslog'; expected one of: auto, journald, "
			    "stderr"));
}

TEST(MainConfig, EndpointRegionAndSignatureValues)
{
	auto r = parseMainConfig("api: {endpoint: dbs.example.com, region: 'cn hangzhou', signature: v1-get}\n", path);
	EXPECT_THAT(
		formatted(r),
		testing::ElementsAre(
			std::string(path) +
				":1:42: 'region' is not a valid region id: 'cn hangzhou'; expected lower-case letters, "
				"digits and '-', such as cn-hangzhou",
			std::string(path) +
				":1:17: 'endpoint' is not an http(s) URL: 'dbs.example.com'; expected a URL such as "
				"https://dbs-api.cn-hangzhou.aliyuncs.com"));
	EXPECT_FALSE(parseMainConfig("api: {region: CN-Hangzhou}\n", path).ok());
	auto ok = parseMainConfig("api: {signature: v1-get, ca_file: /etc/ssl/ca.pem}\n", path);
	ASSERT_TRUE(ok.ok());
	EXPECT_EQ(ok.config->api.signature, config::ApiConfig::Signature::V1Get);
	EXPECT_EQ(ok.config->api.caFile, "/etc/ssl/ca.pem");
}

TEST(MainConfig, ControlSocketDefaultsUnderRunAndResolvesRelativePaths)
{
	EXPECT_EQ(parseMainConfig("", path).config->controlSocket, "/run/dbs-restored/control.sock");
	auto r = parseMainConfig("control_socket: run/ctl.sock\n", "/srv/dbs/conf/main.yaml");
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	EXPECT_EQ(r.config->controlSocket, "/srv/dbs/conf/run/ctl.sock");
}

TEST(MainConfig, AControlSocketPathTooLongForTheKernelIsAnErrorAtItsValue)
{
	std::string atLimit = "/" + std::string(config::maxControlSocketPath - 1, 'a');
	EXPECT_TRUE(parseMainConfig("control_socket: " + atLimit + "\n", path).ok());
	auto r = parseMainConfig("state_dir: /x\ncontrol_socket: " + atLimit + "a\n", path);
	ASSERT_FALSE(r.ok());
	EXPECT_THAT(formatted(r), testing::ElementsAre(HasSubstr("dbs-restored.yaml:2:17:")));
	EXPECT_THAT(formatted(r)[0], HasSubstr("'control_socket' is longer than a socket path may be"));
}
