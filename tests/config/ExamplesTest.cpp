// SPDX-License-Identifier: Apache-2.0
// The checked-in examples must always validate: the demo and the docs use them.
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/CheckConfig.h"
#include "config/JobDirectory.h"
#include "config/MainConfig.h"

namespace fs = std::filesystem;
using testing::HasSubstr;

namespace {

const fs::path examples = fs::path(SOURCE_DIR) / "examples";

} // namespace

TEST(Examples, MainConfigValidatesAndResolvesRelativePaths)
{
	auto r = config::loadMainConfig(examples / "dbs-restored.yaml");
	ASSERT_TRUE(r.ok()) << config::formatErrors(r.errors);
	EXPECT_EQ(r.config->jobsDir, examples / "jobs.d");
	EXPECT_EQ(r.config->stateDir, examples / "state");
	EXPECT_EQ(r.config->credentials.kind, config::CredentialsSource::Kind::File);
	EXPECT_EQ(r.config->credentials.value, (examples / "credentials" / "dbs-access-key").string());
	EXPECT_TRUE(fs::is_regular_file(r.config->credentials.value));
}

TEST(Examples, InstalledSystemdConfigValidates)
{
	auto r = config::loadMainConfig(fs::path(SOURCE_DIR) / "systemd" / "dbs-restored.yaml");
	ASSERT_TRUE(r.ok()) << config::formatErrors(r.errors);
	EXPECT_EQ(r.config->jobsDir, "/etc/dbs-restored/jobs.d");
	EXPECT_EQ(r.config->credentials.kind, config::CredentialsSource::Kind::Credential);
}

TEST(Examples, EveryJobValidates)
{
	auto main = config::loadMainConfig(examples / "dbs-restored.yaml");
	ASSERT_TRUE(main.ok());
	auto jobs = config::loadJobsDir(main.config->jobsDir, main.config->defaults);
	EXPECT_FALSE(jobs.dirError);
	EXPECT_EQ(jobs.errorCount(), 0u);
	for (const auto &f : jobs.files)
		EXPECT_TRUE(f.spec) << f.path << "\n" << config::formatErrors(f.errors);
	auto specs = jobs.validSpecs();
	ASSERT_EQ(specs.size(), 3u);
	EXPECT_EQ(specs[0].id, "failing-restore");
	EXPECT_EQ(specs[1].id, "nightly-drill");
	EXPECT_EQ(specs[2].id, "restore-existing");

	const auto &drill = specs[1];
	ASSERT_EQ(drill.steps.size(), 2u);
	EXPECT_EQ(std::get<config::BackupStep>(drill.steps[0].what).backupPlanId, "dbsplandemo01");
	const auto &create = std::get<config::CreateRestore>(std::get<config::RestoreStep>(drill.steps[1].what).how);
	EXPECT_TRUE(std::holds_alternative<config::FromPreviousBackup>(create.source));
	EXPECT_EQ(create.destination.password.kind, config::SecretRef::Kind::File);
	EXPECT_TRUE(fs::is_regular_file(create.destination.password.value)) << create.destination.password.value;

	EXPECT_EQ(std::get<config::ExistingRestore>(std::get<config::RestoreStep>(specs[0].steps[0].what).how)
			  .restoreTaskId,
		  "rtdemofail01");
	EXPECT_EQ(specs[0].retry.maxAttempts, 3);
	EXPECT_EQ(std::get<config::ExistingRestore>(std::get<config::RestoreStep>(specs[2].steps[0].what).how)
			  .restoreTaskId,
		  "rtdemoexisting01");
}

TEST(Examples, CheckConfigPassesOnExamples)
{
	std::ostringstream out;
	EXPECT_EQ(config::checkConfig((examples / "dbs-restored.yaml").string(), out), 0) << out.str();
	EXPECT_THAT(out.str(), HasSubstr("3 job file(s), 3 valid, 0 error(s); configuration OK"));
	EXPECT_THAT(out.str(), testing::Not(HasSubstr("demo-secret")));
}

TEST(Examples, CheckConfigReportsEveryBrokenFile)
{
	fs::path dir = fs::temp_directory_path() / ("dbs-cfg-check-" + std::to_string(::getpid()));
	fs::remove_all(dir);
	fs::create_directories(dir / "jobs");
	std::ofstream(dir / "main.yaml") << "jobs_dir: jobs\n";
	std::ofstream(dir / "jobs" / "good.yaml") << "steps: [{restore: {restore_task_id: rtdemo01}}]\n";
	std::ofstream(dir / "jobs" / "bad.yaml") << "steps: [{restore: {restore_task_id: rtdemo01, colour: 1}}]\n";
	std::ofstream(dir / "jobs" / "bad.yaml~") << "not: [yaml\n"; // ignored backup file
	std::ostringstream out;
	EXPECT_EQ(config::checkConfig((dir / "main.yaml").string(), out), 1);
	EXPECT_THAT(out.str(), HasSubstr((dir / "jobs" / "bad.yaml").string() + ":1:47: unknown key 'colour'"));
	EXPECT_THAT(out.str(), HasSubstr("2 job file(s), 1 valid, 1 error(s)\n"));

	std::ostringstream missingOut;
	std::ofstream(dir / "main.yaml") << "jobs_dir: no-such-dir\n";
	EXPECT_EQ(config::checkConfig((dir / "main.yaml").string(), missingOut), 1);
	EXPECT_THAT(missingOut.str(),
		    HasSubstr((dir / "no-such-dir").string() + ":1:1: cannot read the jobs directory"));
	EXPECT_THAT(missingOut.str(), HasSubstr("0 job file(s), 0 valid, 1 error(s)\n"));

	std::ostringstream secretOut;
	std::ofstream(dir / "main.yaml") << "jobs_dir: jobs\ncredentials: {access_key_secret: TopSecret123}\n";
	EXPECT_EQ(config::checkConfig((dir / "main.yaml").string(), secretOut), 1);
	EXPECT_THAT(secretOut.str(), HasSubstr("inline secret 'access_key_secret'"));
	EXPECT_THAT(secretOut.str(), testing::Not(HasSubstr("TopSecret123")));

	std::ostringstream mainOut;
	std::ofstream(dir / "main.yaml") << "jobs_dir: jobs\nlog: {level: loud}\n";
	EXPECT_EQ(config::checkConfig((dir / "main.yaml").string(), mainOut), 1);
	EXPECT_THAT(mainOut.str(), HasSubstr((dir / "main.yaml").string() + ":2:14: 'level' in the log section"));
	EXPECT_THAT(mainOut.str(), HasSubstr("1 error(s) in the main configuration; job files not checked"));
	fs::remove_all(dir);
}
