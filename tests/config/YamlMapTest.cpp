// SPDX-License-Identifier: Apache-2.0
// YamlMap reads every key of a mapping through yaml-cpp's iterator, whose
// operator-> returns a temporary proxy. A reference bound to the proxy's key
// dangled from the next statement on (ASan: stack-use-after-scope on every
// parse of the main config and of every job file). These tests read each
// key's text and mark after that point; under the sanitizer build they
// failed before the key was copied.
#include "config/YamlMap.h"

#include <gtest/gtest.h>

namespace config {
namespace {

std::vector<ConfigError> open(const std::string &yaml, std::initializer_list<std::string_view> allowed)
{
	Diagnostics diag("t.yaml");
	YAML::Node node = YAML::Load(yaml);
	YamlMap map(node, "the test map", diag, allowed);
	return diag.takeErrors();
}

TEST(YamlMap, EveryKeyIsReadWithItsTextAndPlaceAfterTheIteratorMoves)
{
	auto errors = open("alpha: 1\nbravo: 2\ncharlie: 3\ndelta: 4\n", {"alpha", "charlie"});
	ASSERT_EQ(errors.size(), 2u);
	EXPECT_EQ(errors[0].format(),
		  "t.yaml:2:1: unknown key 'bravo' in the test map; expected one of: alpha, charlie");
	EXPECT_EQ(errors[1].format(),
		  "t.yaml:4:1: unknown key 'delta' in the test map; expected one of: alpha, charlie");
}

TEST(YamlMap, DuplicateAndNonScalarKeysAreReportedWhereTheyAre)
{
	auto errors = open("alpha: 1\n? [x, y]\n: 2\nalpha: 3\n", {"alpha"});
	ASSERT_EQ(errors.size(), 2u);
	EXPECT_EQ(errors[0].line, 2);
	EXPECT_NE(errors[0].what.find("key in the test map is"), std::string::npos) << errors[0].what;
	EXPECT_EQ(errors[1].format(),
		  "t.yaml:4:1: duplicate key 'alpha' in the test map; expected each key at most once");
}

TEST(YamlMap, KnownKeysKeepTheirValuesAndMarks)
{
	Diagnostics diag("t.yaml");
	YAML::Node node = YAML::Load("alpha: one\n  # a comment\ncharlie: three\n");
	YamlMap map(node, "the test map", diag, {"alpha", "charlie"});
	EXPECT_TRUE(diag.empty());
	EXPECT_EQ(map.string("alpha"), "one");
	EXPECT_EQ(map.string("charlie"), "three");
	EXPECT_EQ(map.keyMark("charlie").line, 2);
}

} // namespace
} // namespace config
