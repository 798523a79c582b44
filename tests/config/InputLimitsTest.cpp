// SPDX-License-Identifier: Apache-2.0
// Hostile job files and config files: size, steps, nesting and alias caps
// (config/InputLimits.h), each refused with an error naming the file.
#include "config/InputLimits.h"

#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/JobDirectory.h"
#include "config/JobFileParser.h"
#include "config/MainConfig.h"
#include "tests/config/ConfigTempDir.h"

namespace fs = std::filesystem;
using config::InputLimits;
using testing::HasSubstr;
using testing::StartsWith;

namespace {

std::string stepsText(std::size_t n)
{
	std::string s = "steps:\n";
	for (std::size_t i = 0; i < n; ++i)
		s += "  - restore: {restore_task_id: rtask" + std::to_string(i) + "}\n";
	return s;
}

std::string onlyError(const config::JobParseResult &r)
{
	EXPECT_FALSE(r.ok());
	return r.errors.empty() ? std::string() : r.errors.front().format();
}

} // namespace

// The user finding: 8.6 MB, 200,000 steps took 19.5 s and 743 MB. It is
// refused from its size alone (bench/JobFileParserBench measures the time).
TEST(InputLimits, HugeJobFileIsRefusedBeforeParsing)
{
	ConfigTempDir dir;
	std::string text = stepsText(200000);
	ASSERT_GT(text.size(), 8u * 1000 * 1000);
	dir.write("huge.yaml", text);
	auto r = config::parseJobFile(dir.path() / "huge.yaml", {});
	std::string expected = (dir.path() / "huge.yaml").string() + ":1:1: file is " + std::to_string(text.size()) +
			       " bytes, over the limit of 262144; expected a file of at most 262144 bytes";
	EXPECT_EQ(onlyError(r), expected);
}

TEST(InputLimits, JobFileAtTheSizeCapIsRead)
{
	ConfigTempDir dir;
	std::string text = "steps: [{restore: {restore_task_id: rtask1}}]\n";
	text += std::string(InputLimits::maxJobFileBytes - text.size() - 1, '#') + "\n";
	ASSERT_EQ(text.size(), InputLimits::maxJobFileBytes);
	dir.write("full.yaml", text);
	EXPECT_TRUE(config::parseJobFile(dir.path() / "full.yaml", {}).ok());
}

TEST(InputLimits, TooManyStepsAreRefused)
{
	ConfigTempDir dir;
	dir.write("many.yaml", stepsText(InputLimits::maxStepsPerJob + 1));
	EXPECT_THAT(onlyError(config::parseJobFile(dir.path() / "many.yaml", {})),
		    HasSubstr(":2:3: 'steps' has 1001 steps, over the limit of 1000"));
	dir.write("enough.yaml", stepsText(InputLimits::maxStepsPerJob));
	EXPECT_TRUE(config::parseJobFile(dir.path() / "enough.yaml", {}).ok());
}

TEST(InputLimits, DeepNestingIsRefused)
{
	std::string deep = "id: deep\nsteps: " + std::string(40, '[') + std::string(40, ']') + "\n";
	EXPECT_THAT(onlyError(config::parseJobText(deep, "/jobs/deep.yaml", {})),
		    HasSubstr("nesting deeper than 32 levels"));
}

TEST(InputLimits, NestingBeyondYamlCppsOwnGuardIsASyntaxErrorNotACrash)
{
	std::string deep = "steps: " + std::string(100000, '[');
	EXPECT_THAT(onlyError(config::parseJobText(deep, "/jobs/deep.yaml", {})), HasSubstr("YAML syntax error"));
}

TEST(InputLimits, AliasBombIsRefused)
{
	// Ten levels of ten aliases each: 10^10 nodes once expanded, 1 KB of text.
	std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
	for (int i = 1; i <= 10; ++i) {
		std::string prev = "*a" + std::to_string(i - 1);
		text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
		for (int k = 0; k < 10; ++k)
			text += (k ? ", " : "") + prev;
		text += "]\n";
	}
	text += "steps: *a10\n";
	EXPECT_THAT(onlyError(config::parseJobText(text, "/jobs/bomb.yaml", {})),
		    HasSubstr("the document expands to more than 200000 nodes"));
}

TEST(InputLimits, OversizedMainConfigIsRefused)
{
	ConfigTempDir dir;
	dir.write("big.yaml", "# " + std::string(InputLimits::maxMainConfigBytes, 'x') + "\n");
	auto r = config::loadMainConfig(dir.path() / "big.yaml");
	ASSERT_FALSE(r.ok());
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_THAT(r.errors[0].format(), HasSubstr("big.yaml:1:1: file is 1048579 bytes, over the limit of 1048576"));
}

TEST(InputLimits, JobFilesOverTheCountAreEachReported)
{
	ConfigTempDir dir;
	std::size_t total = InputLimits::maxJobFiles + 2;
	for (std::size_t i = 0; i < total; ++i) {
		char name[32];
		std::snprintf(name, sizeof name, "j%05zu.yaml", i);
		std::ofstream(dir.path() / name);
	}
	auto r = config::loadJobsDir(dir.path(), {});
	ASSERT_EQ(r.files.size(), total);
	for (std::size_t i = InputLimits::maxJobFiles; i < total; ++i) {
		ASSERT_EQ(r.files[i].errors.size(), 1u);
		EXPECT_THAT(
			r.files[i].errors[0].format(),
			HasSubstr(
				":1:1: not loaded: the jobs directory holds 10002 job files, over the limit of 10000"));
	}
	EXPECT_THAT(r.files[0].errors[0].format(), testing::Not(HasSubstr("not loaded")));
}

// Found by fuzz/JobFileFuzz.cpp and fuzz/MainConfigFuzz.cpp (corpus
// hang-loadall-stray-comma*): yaml-cpp's LoadAll() looped forever, eating
// memory, on a ',' after the document; the daemon hung on such a job file.
TEST(InputLimits, StrayCommaAfterTheDocumentIsAnErrorNotAHang)
{
	for (const char *text : {",", "[a], b", ",a", "[{restore: {restore_task_id: rtask1}}], x\n"}) {
		auto r = config::parseJobText(text, "/jobs/comma.yaml", {});
		ASSERT_FALSE(r.ok()) << text;
		EXPECT_THAT(config::formatErrors(r.errors), HasSubstr("or a stray ',' after it")) << text;
	}
	auto m = config::parseMainConfig(",", "/etc/dbs-restored/dbs-restored.yaml");
	ASSERT_FALSE(m.ok());
	EXPECT_THAT(config::formatErrors(m.errors), HasSubstr("or a stray ',' after it"));
}
