// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookOutput.h"

#include <gtest/gtest.h>

namespace os = restored::os;

using restored::os::HookOutput;
using restored::os::HookStream;

namespace {

std::vector<std::string> texts(const std::vector<os::HookOutput::Line> &lines)
{
	std::vector<std::string> out;
	for (const auto &l : lines)
		out.push_back(l.text);
	return out;
}

} // namespace

TEST(HookOutput, JoinsLinesSplitAcrossReadsAndKeepsStreamsApart)
{
	os::HookOutput o(100, 10000);
	EXPECT_TRUE(o.feed(os::HookStream::Stdout, "hel").empty());
	EXPECT_TRUE(o.feed(os::HookStream::Stderr, "warn").empty());
	auto lines = o.feed(os::HookStream::Stdout, "lo\n\nworld\npart");
	EXPECT_EQ(texts(lines), (std::vector<std::string>{"hello", "", "world"}));
	EXPECT_EQ(lines[0].stream, os::HookStream::Stdout);
	lines = o.feed(os::HookStream::Stderr, "ing\n");
	ASSERT_EQ(lines.size(), 1u);
	EXPECT_EQ(lines[0].text, "warning");
	EXPECT_EQ(lines[0].stream, os::HookStream::Stderr);
	auto last = o.finish(os::HookStream::Stdout);
	ASSERT_TRUE(last);
	EXPECT_EQ(last->text, "part");
	EXPECT_FALSE(o.finish(os::HookStream::Stderr));
	EXPECT_EQ(o.droppedBytes(), 0u);
}

TEST(HookOutput, CutsALongLineAndDropsItsRestUpToTheNewline)
{
	os::HookOutput o(4, 10000);
	auto lines = o.feed(os::HookStream::Stdout, "abcdefgh");
	EXPECT_TRUE(lines.empty());
	lines = o.feed(os::HookStream::Stdout, "ij\nok\n");
	ASSERT_EQ(lines.size(), 2u);
	EXPECT_EQ(lines[0].text, "abcd");
	EXPECT_TRUE(lines[0].truncated);
	EXPECT_EQ(lines[1].text, "ok");
	EXPECT_FALSE(lines[1].truncated);
	EXPECT_EQ(o.droppedBytes(), 6u); // "efghij"
}

TEST(HookOutput, StopsHandingOutLinesAtTheTotalBoundAndCountsTheRest)
{
	os::HookOutput o(100, 10); // "aaaa\n" costs 5: two lines fit
	auto lines = o.feed(os::HookStream::Stdout, "aaaa\nbbbb\ncccc\n");
	EXPECT_EQ(texts(lines), (std::vector<std::string>{"aaaa", "bbbb"}));
	// Once over, even a line that would fit is dropped: no lines out of context.
	EXPECT_TRUE(o.feed(os::HookStream::Stderr, "\n").empty());
	EXPECT_TRUE(o.feed(os::HookStream::Stdout, "tail").empty());
	EXPECT_FALSE(o.finish(os::HookStream::Stdout));
	EXPECT_EQ(o.droppedBytes(), 5u + 1u + 4u);
}
