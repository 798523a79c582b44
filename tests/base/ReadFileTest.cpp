// SPDX-License-Identifier: Apache-2.0
// readFile(): the whole text, the cap (refused before reading, never read
// past), and every failure kind named with its errno or file type.
#include "base/ReadFile.h"

#include <fstream>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {

class ReadFileTest : public testing::Test
{
protected:
	void SetUp() override
	{
		dir_ = fs::temp_directory_path() / ("base-readfile-" + std::to_string(::getpid()));
		fs::remove_all(dir_);
		fs::create_directories(dir_);
	}
	void TearDown() override { fs::remove_all(dir_); }

	fs::path write(const std::string &name, const std::string &text)
	{
		std::ofstream(dir_ / name, std::ios::binary) << text;
		return dir_ / name;
	}

	fs::path dir_;
};

TEST_F(ReadFileTest, ReadsTheWholeFileWithoutACap)
{
	// Larger than one read() chunk, with a NUL inside.
	std::string big(200'000, 'x');
	big[1000] = '\0';
	auto got = base::readFile(write("big", big));
	ASSERT_TRUE(std::holds_alternative<std::string>(got));
	EXPECT_EQ(std::get<std::string>(got), big);
}

TEST_F(ReadFileTest, EmptyFileIsEmptyText)
{
	auto got = base::readFile(write("empty", ""), 10);
	ASSERT_TRUE(std::holds_alternative<std::string>(got));
	EXPECT_EQ(std::get<std::string>(got), "");
}

TEST_F(ReadFileTest, AFileAtTheCapIsReadAndOneByteMoreIsRefused)
{
	auto at = base::readFile(write("at", "12345"), 5);
	ASSERT_TRUE(std::holds_alternative<std::string>(at));
	EXPECT_EQ(std::get<std::string>(at), "12345");

	auto over = base::readFile(write("over", "123456"), 5);
	ASSERT_TRUE(std::holds_alternative<base::ReadFailure>(over));
	const auto &f = std::get<base::ReadFailure>(over);
	EXPECT_EQ(f.kind, base::ReadFailure::Kind::TooLarge);
	EXPECT_EQ(f.size, 6u);
}

TEST_F(ReadFileTest, MissingFileIsAnOpenFailureWithItsErrno)
{
	auto got = base::readFile(dir_ / "absent");
	ASSERT_TRUE(std::holds_alternative<base::ReadFailure>(got));
	EXPECT_EQ(std::get<base::ReadFailure>(got).kind, base::ReadFailure::Kind::Open);
	EXPECT_EQ(std::get<base::ReadFailure>(got).err, ENOENT);
}

TEST_F(ReadFileTest, DirectoryAndFifoAreNotRegularAndNeverBlock)
{
	fs::create_directory(dir_ / "sub");
	auto d = base::readFile(dir_ / "sub");
	ASSERT_TRUE(std::holds_alternative<base::ReadFailure>(d));
	EXPECT_EQ(std::get<base::ReadFailure>(d).kind, base::ReadFailure::Kind::NotRegular);
	EXPECT_TRUE(S_ISDIR(std::get<base::ReadFailure>(d).mode));

	// No writer ever opens this FIFO: a blocking open would hang the test.
	ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
	auto p = base::readFile(dir_ / "fifo", 100);
	ASSERT_TRUE(std::holds_alternative<base::ReadFailure>(p));
	EXPECT_EQ(std::get<base::ReadFailure>(p).kind, base::ReadFailure::Kind::NotRegular);
	EXPECT_TRUE(S_ISFIFO(std::get<base::ReadFailure>(p).mode));
}

} // namespace
