// SPDX-License-Identifier: Apache-2.0
// Every jobs.d entry that looks like a job file and cannot be used is
// reported by name, never silently skipped; user bytes in messages are
// escaped (config/SafeText.h).
#include "config/JobDirectory.h"

#include <fstream>

#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/JobFileParser.h"
#include "config/SafeText.h"
#include "tests/config/ConfigTempDir.h"

namespace fs = std::filesystem;
using testing::HasSubstr;

namespace {

// The formatted errors of the file named `name` in a loadJobsDir() result.
std::string errorsOf(const config::JobsDirResult &r, const std::string &name)
{
	for (const auto &f : r.files)
		if (f.path.filename() == name)
			return config::formatErrors(f.errors);
	return "<not listed>";
}

const std::string validJob = "steps: [{restore: {restore_task_id: rtask1}}]\n";

} // namespace

TEST(JobDirectoryEntries, BrokenSymlinksAreReported)
{
	ConfigTempDir dir;
	dir.write("good.yaml", validJob);
	fs::create_symlink("missing.yaml.target", dir.path() / "dangling.yaml");
	fs::create_symlink("loop.yaml", dir.path() / "loop.yaml");
	auto r = config::loadJobsDir(dir.path(), {});
	ASSERT_EQ(r.files.size(), 3u);
	EXPECT_EQ(
		errorsOf(r, "dangling.yaml"),
		(dir.path() / "dangling.yaml").string() +
			":1:1: dangling symbolic link to 'missing.yaml.target'; expected a readable regular YAML file");
	EXPECT_EQ(
		errorsOf(r, "loop.yaml"),
		(dir.path() / "loop.yaml").string() +
			":1:1: symbolic link loop (too many levels of symbolic links); expected a readable regular YAML file");
	EXPECT_EQ(errorsOf(r, "good.yaml"), "");
	EXPECT_EQ(r.errorCount(), 2u);
}

TEST(JobDirectoryEntries, DirectoriesFifosAndSocketsAreReported)
{
	ConfigTempDir dir;
	fs::create_directory(dir.path() / "real-dir");
	fs::create_symlink("real-dir", dir.path() / "to-dir.yaml");
	fs::create_directory(dir.path() / "dir.yaml");
	ASSERT_EQ(::mkfifo((dir.path() / "fifo.yaml").c_str(), 0644), 0);
	fs::create_symlink("fifo.yaml", dir.path() / "to-fifo.yaml");
	int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::string sockPath = (dir.path() / "sock.yaml").string();
	ASSERT_LT(sockPath.size(), sizeof addr.sun_path);
	sockPath.copy(addr.sun_path, sockPath.size());
	ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
	// Loading must not block on the FIFO, which has no writer.
	auto r = config::loadJobsDir(dir.path(), {});
	::close(s);
	EXPECT_THAT(errorsOf(r, "to-dir.yaml"), HasSubstr("to-dir.yaml:1:1: is a directory"));
	EXPECT_THAT(errorsOf(r, "dir.yaml"), HasSubstr("dir.yaml:1:1: is a directory"));
	EXPECT_THAT(errorsOf(r, "fifo.yaml"), HasSubstr("fifo.yaml:1:1: is a FIFO (named pipe)"));
	EXPECT_THAT(errorsOf(r, "to-fifo.yaml"), HasSubstr("to-fifo.yaml:1:1: is a FIFO (named pipe)"));
	EXPECT_THAT(errorsOf(r, "sock.yaml"), HasSubstr("sock.yaml:1:1: is a socket"));
	EXPECT_EQ(r.errorCount(), 5u);
}

// Root reads anything; in a fresh user namespace the file's owner is not
// mapped, so the kernel denies with EACCES even to uid 0 outside it. The
// unshare happens in a forked child so the test process keeps its ids.
TEST(JobDirectoryEntries, UnreadableFileIsReported)
{
	ConfigTempDir dir;
	dir.write("secret.yaml", validJob);
	fs::permissions(dir.path() / "secret.yaml", fs::perms::none);
	fs::permissions(dir.path(), fs::perms::all);
	int pipeFd[2];
	ASSERT_EQ(::pipe(pipeFd), 0);
	pid_t pid = ::fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		::close(pipeFd[0]);
		if (::geteuid() == 0 && ::unshare(CLONE_NEWUSER) != 0)
			::_exit(2);
		auto r = config::loadJobsDir(dir.path(), {});
		std::string text = errorsOf(r, "secret.yaml");
		(void)!::write(pipeFd[1], text.data(), text.size());
		::_exit(0);
	}
	::close(pipeFd[1]);
	std::string text;
	char buf[512];
	for (ssize_t n; (n = ::read(pipeFd[0], buf, sizeof buf)) > 0;)
		text.append(buf, std::size_t(n));
	::close(pipeFd[0]);
	int status = 0;
	ASSERT_EQ(::waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		GTEST_SKIP() << "unshare(CLONE_NEWUSER) is not allowed here";
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(text, (dir.path() / "secret.yaml").string() +
				":1:1: cannot open file: permission denied; expected a readable regular YAML file");
}

TEST(JobDirectoryEntries, NonUtf8NameIsReportedEscaped)
{
	ConfigTempDir dir;
	dir.write("bad\xff\x1b.yaml", validJob);
	auto r = config::loadJobsDir(dir.path(), {});
	ASSERT_EQ(r.files.size(), 1u);
	EXPECT_EQ(
		config::formatErrors(r.files[0].errors),
		dir.path().string() +
			"/bad\\xff\\x1b.yaml:1:1: the file name is not valid UTF-8; expected a job file name in UTF-8, such as "
			"nightly-drill.yaml");
}

TEST(SafeText, ControlCharactersAndInvalidUtf8AreEscaped)
{
	using config::escapeForDisplay;
	EXPECT_EQ(escapeForDisplay("plain ascii"), "plain ascii");
	EXPECT_EQ(escapeForDisplay("caf\xc3\xa9 \xe6\x9d\xad\xe5\xb7\x9e"), "caf\xc3\xa9 \xe6\x9d\xad\xe5\xb7\x9e");
	EXPECT_EQ(escapeForDisplay("a\nb\tc\rd\x1b[31m\x7f"), "a\\nb\\tc\\rd\\x1b[31m\\x7f");
	EXPECT_EQ(escapeForDisplay("\xff\xfe"), "\\xff\\xfe");
	EXPECT_EQ(escapeForDisplay("\xc3"), "\\xc3");                   // truncated sequence
	EXPECT_EQ(escapeForDisplay("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
	EXPECT_EQ(escapeForDisplay("\xed\xa0\x80"), "\\xed\\xa0\\x80"); // surrogate
	EXPECT_EQ(escapeForDisplay("\xc2\x9b"), "\\xc2\\x9b");          // C1 CSI
	EXPECT_EQ(escapeForDisplay(std::string("nul\0x", 5)), "nul\\x00x");
	EXPECT_TRUE(config::isValidUtf8("caf\xc3\xa9"));
	EXPECT_FALSE(config::isValidUtf8("caf\xe9"));
}

// The user finding: invalid UTF-8 in a job file was echoed raw.
TEST(SafeText, InvalidUtf8ValueInAJobFileIsEscapedInTheMessage)
{
	auto r = config::parseJobText("region: \"cn-\xff\\e[2J\"\nsteps: [{restore: {restore_task_id: rtask1}}]\n",
				      "/jobs/raw.yaml", {});
	ASSERT_FALSE(r.ok());
	std::string text = config::formatErrors(r.errors);
	EXPECT_THAT(text, HasSubstr("'cn-\\xff\\x1b[2J'"));
	EXPECT_TRUE(config::isValidUtf8(text));
	for (char c : text)
		EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << text;
}
