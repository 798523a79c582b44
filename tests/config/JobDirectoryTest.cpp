// SPDX-License-Identifier: Apache-2.0
#include "config/JobDirectory.h"

#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/ConfigTempDir.h"

namespace fs = std::filesystem;
using config::isJobFileName;
using testing::HasSubstr;

using TempDir = ConfigTempDir;

TEST(JobDirectory, FileNameFilter)
{
	for (const char *ok : {"a.yaml", "nightly-drill.yaml", "x.yml", "a.b.yaml", "a~b.yaml"}) {
		EXPECT_TRUE(isJobFileName(ok)) << ok;
	}
	for (const char *bad : {".hidden.yaml",
				".yaml",
				".yml",
				"a.yaml~",
				"#a.yaml#",
				"#x.yaml",
				".#a.yaml",
				"a.yaml.swp",
				"a.yaml.swx",
				"a.swp",
				"a.yaml.tmp",
				"a.yaml.dpkg-new",
				"a.yaml.dpkg-old",
				"a.yaml.dpkg-dist",
				"a.yaml.rpmnew",
				"a.yaml.rpmsave",
				"a.json",
				"a.yaml.bak",
				"yaml",
				"a.YAML",
				""}) {
		EXPECT_FALSE(isJobFileName(bad)) << bad;
	}
}

TEST(JobDirectory, ListsOnlyJobFilesSortedByName)
{
	TempDir dir;
	for (const char *name : {"b.yaml", "a.yml", ".c.yaml", "d.yaml~", "e.yaml.dpkg-new", "notes.txt"})
		dir.write(name, "steps: []\n");
	// Listed so that parseJobFile reports it (JobDirectoryEntriesTest).
	fs::create_directory(dir.path() / "sub.yaml");
	std::optional<config::ConfigError> error;
	auto files = config::listJobFiles(dir.path(), error);
	EXPECT_FALSE(error);
	ASSERT_EQ(files.size(), 3u);
	EXPECT_EQ(files[0].filename(), "a.yml");
	EXPECT_EQ(files[1].filename(), "b.yaml");
	EXPECT_EQ(files[2].filename(), "sub.yaml");
}

TEST(JobDirectory, MissingDirectoryIsReported)
{
	std::optional<config::ConfigError> error;
	auto files = config::listJobFiles("/nonexistent/jobs.d", error);
	EXPECT_TRUE(files.empty());
	ASSERT_TRUE(error);
	EXPECT_THAT(error->format(), testing::StartsWith("/nonexistent/jobs.d:1:1: cannot read the jobs directory"));
}

TEST(JobDirectory, LaterDuplicateIdIsRejectedNamingTheOtherFile)
{
	TempDir dir;
	dir.write("a.yaml", "id: same\nsteps: [{restore: {restore_task_id: rtdemo01}}]\n");
	dir.write("b.yaml", "id: same\nsteps: [{restore: {restore_task_id: rtdemo02}}]\n");
	dir.write("c.yaml", "steps: [{restore: {restore_task_id: x}}]\n");
	dir.write("d.yaml", "steps: [{backup: {backup_plan_id: dbsplandemo01}}]\n");
	auto r = config::loadJobsDir(dir.path(), {});
	ASSERT_EQ(r.files.size(), 4u);
	EXPECT_TRUE(r.files[0].spec);
	EXPECT_FALSE(r.files[1].spec);
	ASSERT_EQ(r.files[1].errors.size(), 1u);
	EXPECT_EQ(r.files[1].errors[0].format(),
		  (dir.path() / "b.yaml").string() + ":1:1: job id 'same' is already used by " +
			  (dir.path() / "a.yaml").string() + "; expected a job id unique across the jobs directory");
	EXPECT_FALSE(r.files[2].spec);
	EXPECT_TRUE(r.files[3].spec);
	EXPECT_EQ(r.errorCount(), 2u);
	auto valid = r.validSpecs();
	ASSERT_EQ(valid.size(), 2u);
	EXPECT_EQ(valid[0].id, "same");
	EXPECT_EQ(valid[1].id, "d");
}

TEST(JobDirectory, ErrorsCompareByValueForRescans)
{
	TempDir dir;
	dir.write("bad.yaml", "steps: [{restore: {restore_task_id: x}}]\n");
	auto first = config::loadJobsDir(dir.path(), {});
	auto second = config::loadJobsDir(dir.path(), {});
	ASSERT_EQ(first.files.size(), 1u);
	EXPECT_EQ(first.files[0].errors, second.files[0].errors);
	dir.write("bad.yaml", "steps: [{restore: {restore_task_id: y}}]\n");
	EXPECT_NE(config::loadJobsDir(dir.path(), {}).files[0].errors, first.files[0].errors);
}
