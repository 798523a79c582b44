// SPDX-License-Identifier: Apache-2.0
// The state directory full (ENOSPC) or read-only (EROFS): no mutating call
// leaves whose ClientToken could not be written first; the daemon logs
// state_write_failed, retries with backoff and finishes once the disk is
// back. The state directory is a 64 KiB tmpfs in a private mount namespace
// of the test process (the daemon inherits it), as tests/daemon/JournaldTest
// does for its bind mounts.
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

namespace fs = std::filesystem;

// Unmounts the tmpfs when the test ends, whatever happened.
class SmallTmpfs
{
public:
	explicit SmallTmpfs(fs::path at) : at_(std::move(at))
	{
		mounted_ = ::mount("tmpfs", at_.c_str(), "tmpfs", 0, "size=64k,mode=0755") == 0;
	}
	~SmallTmpfs()
	{
		if (mounted_)
			::umount2(at_.c_str(), MNT_DETACH);
	}
	bool mounted() const { return mounted_; }
	bool remount(unsigned long flags) const
	{
		return ::mount(nullptr, at_.c_str(), nullptr, MS_REMOUNT | flags, "size=64k,mode=0755") == 0;
	}
	// Writes `name` until the file system says ENOSPC; bounded by its size.
	bool fill(const std::string &name) const
	{
		int fd = ::open((at_ / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			return false;
		char block[4096] = {};
		int err = 0;
		for (int i = 0; i < 1024 && err == 0; ++i)
			if (::write(fd, block, sizeof block) < 0)
				err = errno;
		::close(fd);
		return err == ENOSPC;
	}

private:
	fs::path at_;
	bool mounted_ = false;
};

TEST(StateDirFaults, NoMutatingCallLeavesUntilItsTokenIsOnDiskAndTheJobThenFinishes)
{
	if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
		GTEST_SKIP() << "needs a private mount namespace (root or CAP_SYS_ADMIN): " << std::strerror(errno);
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2efull"),
					     "  - {id: rte2efull1, backup_plan_id: plane2efull, duration: 1h}\n"));
	Workspace ws(emulator.port());
	SmallTmpfs tmpfs(ws.stateDir());
	ASSERT_TRUE(tmpfs.mounted()) << std::strerror(errno);
	ASSERT_TRUE(tmpfs.fill("filler"));
	ws.writeJob(
		"full.yaml",
		existingTaskJob(
			"rte2efull1",
			fastTiming +
				"retry: {max_attempts: 1000, initial_backoff: 50ms, max_backoff: 200ms, jitter: none}\n"));

	DaemonProcess daemon(ws, true);
	// Full: the token cannot be written, so StartRestoreTask is not sent.
	ASSERT_TRUE(daemon.waitForEvent("state_write_failed", 2, 30s, "full")) << daemon.output();
	EXPECT_NE(daemon.eventLines("state_write_failed", "full").front().find("No space left"), std::string::npos)
		<< daemon.output();
	EXPECT_EQ(received(emulator.state(), "StartRestoreTask"), 0);
	EXPECT_EQ(daemon.countEvent("internal_error"), 0) << daemon.output();

	// Read-only, with room: still nothing leaves.
	fs::remove(ws.stateDir() / "filler");
	ASSERT_TRUE(tmpfs.remount(MS_RDONLY)) << std::strerror(errno);
	int before = daemon.countEvent("state_write_failed", "full");
	ASSERT_TRUE(daemon.waitForEvent("state_write_failed", before + 2, 30s, "full")) << daemon.output();
	EXPECT_NE(daemon.eventLines("state_write_failed", "full").back().find("Read-only"), std::string::npos)
		<< daemon.output();
	EXPECT_EQ(received(emulator.state(), "StartRestoreTask"), 0);

	// Writable again: the retry goes through, once.
	ASSERT_TRUE(tmpfs.remount(0)) << std::strerror(errno);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	// Only the call that left is logged as sent.
	EXPECT_EQ(daemon.countEvent("api_call_sent", "full"), 1) << daemon.output();
	EXPECT_EQ(daemon.countEvent("succeeded", "full"), 1) << daemon.output();
	auto state = emulator.state();
	EXPECT_EQ(received(state, "StartRestoreTask"), 1);
	EXPECT_EQ(count(taskState(state, "rte2efull1"), "start_count"), 1);
}

} // namespace
} // namespace e2e
