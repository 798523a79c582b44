// SPDX-License-Identifier: Apache-2.0
#include "config/JobSpecJson.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/JobFileParser.h"

using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

config::JobSpec sampleSpec()
{
	config::JobSpec s;
	s.id = "nightly";
	s.sourceFile = "/etc/dbs-restored/jobs.d/nightly.yaml";
	s.retry.maxAttempts = 4;
	s.retry.initialBackoff = 250ms;
	s.retry.maxBackoff = 9s;
	s.retry.throttleFactor = 2.5;
	s.retry.jitter = config::RetryPolicy::Jitter::None;
	s.pollInterval = 15s;
	s.stallTimeout = 3h;
	s.deadline = 30h;
	s.schedule = "0 3 * * MON-FRI";
	s.steps.push_back({config::BackupStep{"dbsplandemo01", false}});
	config::CreateRestore c;
	c.backupPlanId = "dbsplandemo01";
	c.restoreTaskName = "drill";
	c.destination = {"Agent", "cn-hangzhou", "",         "10.0.0.5",
			 3306,    "shop",        "restorer", {config::SecretRef::Kind::Credential, "db-password"},
			 ""};
	c.objects = {{"shop", "shop_drill"}};
	c.source = config::FromPreviousBackup{};
	c.duplicateConflict = "renamenew";
	c.backupGatewayId = 1234567890123;
	s.steps.push_back({config::RestoreStep{c}});
	c.source = config::BackupSetById{"sdemo0001"};
	c.destination.password = {config::SecretRef::Kind::File, "/run/pw"};
	c.destination.port.reset();
	c.backupGatewayId.reset();
	s.steps.push_back({config::RestoreStep{c}});
	c.source = config::PointInTime{1554560477000};
	c.destination.password = {};
	s.steps.push_back({config::RestoreStep{c}});
	s.steps.push_back({config::RestoreStep{config::ExistingRestore{"rtdemoexisting01"}}});
	s.specHash = config::computeSpecHash(s);
	return s;
}

} // namespace

TEST(JobSpecJson, RoundTripsEveryVariant)
{
	auto s = sampleSpec();
	json::value v = config::toJson(s);
	// Through text too, as the state file does.
	auto back = config::jobSpecFromJson(json::parse(json::serialize(v)));
	EXPECT_EQ(json::serialize(config::toJson(back)), json::serialize(v));
	EXPECT_EQ(back.id, s.id);
	EXPECT_EQ(back.retry.maxBackoff, 9s);
	EXPECT_EQ(back.retry.jitter, config::RetryPolicy::Jitter::None);
	EXPECT_EQ(back.schedule, s.schedule);
	EXPECT_EQ(back.specHash, s.specHash);
	EXPECT_EQ(config::computeSpecHash(back), s.specHash);
	const auto &c = std::get<config::CreateRestore>(std::get<config::RestoreStep>(back.steps[1].what).how);
	EXPECT_EQ(c.destination.port, 3306);
	EXPECT_EQ(c.backupGatewayId, 1234567890123);
	EXPECT_EQ(c.destination.password.kind, config::SecretRef::Kind::Credential);
	EXPECT_TRUE(std::holds_alternative<config::PointInTime>(
		std::get<config::CreateRestore>(std::get<config::RestoreStep>(back.steps[3].what).how).source));
}

TEST(JobSpecJson, RoundTripsAParsedJob)
{
	auto r = config::parseJobText(
		"steps:\n- backup: {backup_plan_id: dbsplandemo01}\n- restore:\n    create:\n"
		"      backup_plan_id: dbsplandemo01\n      name: n\n      backup_set: previous\n"
		"      destination: {instance_type: RDS, region: r1, instance_id: rm-1, password_file: pw}\n",
		"/jobs/j.yaml", {});
	ASSERT_TRUE(r.ok());
	auto back = config::jobSpecFromJson(config::toJson(*r.spec));
	EXPECT_EQ(json::serialize(config::toJson(back)), json::serialize(config::toJson(*r.spec)));
}

TEST(JobSpecJson, HoldsOnlyTheSecretReference)
{
	std::string text = json::serialize(config::toJson(sampleSpec()));
	EXPECT_THAT(text, testing::HasSubstr(R"("password_ref":{"credential":"db-password"})"));
	EXPECT_THAT(text, testing::HasSubstr(R"("password_ref":{"file":"/run/pw"})"));
	EXPECT_THAT(text, testing::Not(testing::HasSubstr(R"("password":)")));
}

TEST(JobSpecJson, RejectsBadInput)
{
	EXPECT_ANY_THROW(config::jobSpecFromJson(json::parse("[]")));
	EXPECT_ANY_THROW(config::jobSpecFromJson(json::parse("{}")));
	json::value v = config::toJson(sampleSpec());
	v.as_object()["steps"] = json::array();
	EXPECT_THROW(config::jobSpecFromJson(v), std::invalid_argument);
	v = config::toJson(sampleSpec());
	v.as_object()["retry"].as_object()["jitter"] = "some";
	EXPECT_THROW(config::jobSpecFromJson(v), std::invalid_argument);
	v = config::toJson(sampleSpec());
	v.as_object()["deadline_ms"] = "soon";
	EXPECT_ANY_THROW(config::jobSpecFromJson(v));
}

TEST(JobSpecJson, RegionRoundTripsAndOldRecordsWithoutItStillLoad)
{
	auto s = sampleSpec();
	std::string before = config::computeSpecHash(s);
	EXPECT_FALSE(config::toJson(s).as_object().contains("region")); // unset: not written
	json::value old = config::toJson(s);
	EXPECT_EQ(config::jobSpecFromJson(old).region, "");

	s.region = "ap-southeast-1";
	EXPECT_NE(config::computeSpecHash(s), before);
	auto back = config::jobSpecFromJson(json::parse(json::serialize(config::toJson(s))));
	EXPECT_EQ(back.region, "ap-southeast-1");
}
