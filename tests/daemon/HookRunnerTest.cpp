// SPDX-License-Identifier: Apache-2.0
// HookRunner against real children: shell scripts in a temporary directory.
#include "daemon/os/HookRunner.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/os/HookEnvironment.h"
#include "tests/daemon/TempDir.h"

namespace os = restored::os;

using namespace std::chrono_literals;
using restored::os::HookOutput;
using restored::os::HookRequest;
using restored::os::HookResult;
using restored::os::HookRunner;
using restored::os::HookStream;
using testing::Contains;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::Not;

namespace {

struct Finished {
	std::optional<os::HookResult> result;
	std::vector<os::HookOutput::Line> lines;

	std::vector<std::string> texts(os::HookStream stream = os::HookStream::Stdout) const
	{
		std::vector<std::string> out;
		for (const auto &l : lines)
			if (l.stream == stream)
				out.push_back(l.text);
		return out;
	}
};

// Whether pid ends (exits or is gone) within the timeout, watched through a pidfd.
bool endsWithin(pid_t pid, std::chrono::milliseconds timeout)
{
	int fd = int(::syscall(SYS_pidfd_open, pid, 0));
	if (fd < 0)
		return errno == ESRCH;
	pollfd p{fd, POLLIN, 0};
	bool ended = ::poll(&p, 1, int(timeout.count())) == 1;
	::close(fd);
	return ended;
}

class HookRunnerTest : public testing::Test
{
protected:
	// An executable /bin/sh script in the temporary directory.
	std::string script(const std::string &name, const std::string &body, mode_t mode = 0755)
	{
		std::string path = (dir_.path() / name).string();
		std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
		::chmod(path.c_str(), mode);
		return path;
	}

	os::HookRequest request(std::string program)
	{
		os::HookRequest r;
		r.argv = {std::move(program)};
		r.environment = {"PATH=/usr/bin:/bin"};
		r.timeout = 20s;
		return r;
	}

	// Runs the hook to its end; every test is bounded by the io_context's run_for.
	Finished run(os::HookRequest r, std::function<void(const os::HookOutput::Line &)> also = {})
	{
		boost::asio::io_context io;
		os::HookRunner runner(io);
		Finished f;
		runner.start(
			std::move(r),
			[&](const os::HookOutput::Line &line) {
				f.lines.push_back(line);
				if (also)
					also(line);
			},
			[&](const os::HookResult &result) {
				EXPECT_FALSE(f.result) << "onDone called twice";
				f.result = result;
			});
		io.run_for(30s);
		EXPECT_TRUE(f.result) << "the hook did not finish within 30 s";
		return f;
	}

	// A hook that starts a grandchild (and prints its pid) and then hangs:
	// how it ended, once the test has seen the grandchild end too.
	Finished runHangingGroup(const std::string &prelude, std::chrono::milliseconds timeout,
				 std::chrono::milliseconds grace)
	{
		auto r = request(script("hang", prelude + "sleep 1000 & echo $!; sleep 1000"));
		r.timeout = timeout;
		r.killGrace = grace;
		auto f = run(r);
		EXPECT_EQ(f.texts().size(), 1u);
		if (f.texts().size() == 1) {
			pid_t grandchild = std::stoi(f.texts()[0]);
			EXPECT_TRUE(endsWithin(grandchild, 5s)) << "the grandchild " << grandchild << " survived";
		}
		return f;
	}

	restored::test::TempDir dir_;
};

} // namespace

TEST_F(HookRunnerTest, ReportsTheExitCode)
{
	auto ok = run(request(script("ok", "exit 0")));
	EXPECT_EQ(ok.result->kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(ok.result->code, 0);
	auto bad = run(request(script("bad", "exit 3")));
	EXPECT_EQ(bad.result->kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(bad.result->code, 3);
}

TEST_F(HookRunnerTest, ReportsASignalThatEndedIt)
{
	auto f = run(request(script("self-kill", "kill -KILL $$")));
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::Killed);
	EXPECT_EQ(f.result->code, SIGKILL);
}

TEST_F(HookRunnerTest, ReportsAProgramThatCannotStart)
{
	auto missing = run(request((dir_.path() / "no-such-hook").string()));
	EXPECT_EQ(missing.result->kind, os::HookResult::Kind::CouldNotStart);
	EXPECT_THAT(missing.result->error, HasSubstr("No such file or directory"));
	auto notExecutable = run(request(script("not-executable", "exit 0", 0644)));
	EXPECT_EQ(notExecutable.result->kind, os::HookResult::Kind::CouldNotStart);
	EXPECT_THAT(notExecutable.result->error, HasSubstr("Permission denied"));
	// No shell falls back to interpreting a file that is not a program.
	std::string text = (dir_.path() / "no-shebang").string();
	std::ofstream(text) << "echo interpreted\n";
	::chmod(text.c_str(), 0755);
	auto noShebang = run(request(text));
	EXPECT_EQ(noShebang.result->kind, os::HookResult::Kind::CouldNotStart);
	EXPECT_TRUE(noShebang.lines.empty());
}

TEST_F(HookRunnerTest, HandsOverStdoutAndStderrLineByLine)
{
	auto f = run(request(script("talk", "echo one; echo warning >&2; echo two; printf 'no newline'")));
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::Exited);
	EXPECT_THAT(f.texts(os::HookStream::Stdout), ElementsAre("one", "two", "no newline"));
	EXPECT_THAT(f.texts(os::HookStream::Stderr), ElementsAre("warning"));
}

TEST_F(HookRunnerTest, BoundsTheOutputAndStillLetsTheHookFinish)
{
	// 200 KB through a bound of 1 KB: the pipe is drained, so the hook never blocks.
	auto r = request(script(
		"chatty",
		"i=0; while [ $i -lt 2000 ]; do "
		"echo 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789; "
		"i=$((i+1)); done; head -c 100000 /dev/zero | tr '\\0' x; echo"));
	r.maxOutputBytes = 1000;
	auto f = run(r);
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(f.result->code, 0);
	EXPECT_EQ(f.lines.size(), 9u); // 101 bytes each
	EXPECT_EQ(f.result->droppedOutputBytes, 1991u * 101u + 100001u);

	auto longLine = request(script("long", "head -c 100000 /dev/zero | tr '\\0' x; echo; echo after"));
	longLine.maxLineBytes = 100;
	f = run(longLine);
	ASSERT_EQ(f.lines.size(), 2u);
	EXPECT_EQ(f.lines[0].text, std::string(100, 'x'));
	EXPECT_TRUE(f.lines[0].truncated);
	EXPECT_EQ(f.lines[1].text, "after");
}

TEST_F(HookRunnerTest, StdinIsDevNull)
{
	// `cat` would wait forever on an inherited terminal or pipe.
	auto f = run(request(script("stdin", "readlink /proc/self/fd/0; cat; echo end")));
	EXPECT_THAT(f.texts(), ElementsAre("/dev/null", "end"));
}

TEST_F(HookRunnerTest, InheritsNoDescriptorOfTheDaemon)
{
	// Like Asio's sockets: a descriptor without close-on-exec.
	int leaked = ::open("/dev/null", O_RDONLY);
	ASSERT_GE(leaked, 0);
	int high = ::dup2(leaked, 57);
	::close(leaked);
	ASSERT_EQ(high, 57);
	auto f = run(request(script("fds", "if [ -e /proc/$$/fd/57 ]; then echo leaked; else echo clean; fi")));
	::close(high);
	EXPECT_THAT(f.texts(), ElementsAre("clean"));
}

TEST_F(HookRunnerTest, GetsExactlyTheRequestedEnvironment)
{
	::setenv("DBS_HOOK_TEST_INHERITED", "1", 1);
	auto r = request(script("env", "tr '\\0' '\\n' < /proc/$$/environ"));
	r.environment = {"DBS_JOB_ID=nightly", "PATH=/usr/bin:/bin"};
	auto f = run(r);
	::unsetenv("DBS_HOOK_TEST_INHERITED");
	EXPECT_THAT(f.texts(), ElementsAre("DBS_JOB_ID=nightly", "PATH=/usr/bin:/bin"));
}

TEST_F(HookRunnerTest, NeitherEnvironmentNorArgvHoldThePassword)
{
	std::string passwordFile = (dir_.path() / "db-password").string();
	std::ofstream(passwordFile) << "s3cr3t-drill-pw\n";
	os::HookContext context;
	context.hook = "verify";
	context.jobId = "nightly";
	context.user = "drill";
	context.passwordFile = passwordFile;
	auto r = request(script("dump", "tr '\\0' '\\n' < /proc/$$/environ; tr '\\0' '\\n' < /proc/$$/cmdline; "
					"echo \"read: $(cat \"$DBS_DEST_PASSWORD_FILE\")\""));
	r.environment = os::hookEnvironment(context);
	auto f = run(r);
	EXPECT_THAT(f.texts(), Contains("DBS_DEST_PASSWORD_FILE=" + passwordFile));
	// The hook can read it from the file it was told about, and finds it nowhere else.
	EXPECT_THAT(f.texts(), Contains("read: s3cr3t-drill-pw"));
	for (const auto &line : f.texts()) {
		if (!line.starts_with("read: ")) {
			EXPECT_THAT(line, Not(HasSubstr("s3cr3t"))) << "the password leaked";
		}
	}
}

TEST_F(HookRunnerTest, TimeoutKillsTheWholeGroupIncludingAGrandchild)
{
	auto f = runHangingGroup("", 300ms, 5s);
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::TimedOut);
	EXPECT_EQ(f.result->code, SIGTERM);
	EXPECT_GE(f.result->duration, 300ms);
}

TEST_F(HookRunnerTest, AHookThatIgnoresSigtermGetsSigkillAfterTheGrace)
{
	// An ignored signal stays ignored across exec, so the grandchild ignores it too.
	auto f = runHangingGroup("trap '' TERM; ", 200ms, 300ms);
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::TimedOut);
	EXPECT_EQ(f.result->code, SIGKILL);
	EXPECT_GE(f.result->duration, 500ms);
}

TEST_F(HookRunnerTest, WhatTheHookLeftRunningEndsWithIt)
{
	// The background sleep keeps the stdout pipe open: without killing the
	// group, the hook would look unfinished for 1000 s.
	auto f = run(request(script("leaves", "sleep 1000 & echo $!; exit 0")));
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::Exited);
	EXPECT_LT(f.result->duration, 20s);
	ASSERT_EQ(f.texts().size(), 1u);
	EXPECT_TRUE(endsWithin(std::stoi(f.texts()[0]), 5s));
}

TEST_F(HookRunnerTest, AProcessThatLeftTheGroupCannotHoldTheHookOpen)
{
	auto r = request(script("escapes", "setsid sleep 1000 & echo $!; exit 0"));
	r.drainTimeout = 200ms;
	auto f = run(r);
	ASSERT_EQ(f.texts().size(), 1u);
	pid_t escaped = std::stoi(f.texts()[0]);
	::kill(escaped, SIGKILL);
	EXPECT_EQ(f.result->kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(f.result->code, 0);
	EXPECT_LT(f.result->duration, 20s);
}

TEST_F(HookRunnerTest, DestroyingTheRunnerKillsAndReapsTheHook)
{
	boost::asio::io_context io;
	pid_t pid = -1;
	bool done = false;
	{
		os::HookRunner runner(io);
		runner.start(
			request(script("forever", "echo started; sleep 1000")),
			[&](const os::HookOutput::Line &) { io.stop(); }, [&](const os::HookResult &) { done = true; });
		io.run_for(20s);
		pid = runner.pid();
		ASSERT_GT(pid, 0);
	}
	EXPECT_FALSE(done);
	// Reaped already: the pid no longer names a process of ours.
	EXPECT_EQ(::waitpid(pid, nullptr, WNOHANG), -1);
	EXPECT_EQ(errno, ECHILD);
	EXPECT_TRUE(endsWithin(pid, 0ms));
}
