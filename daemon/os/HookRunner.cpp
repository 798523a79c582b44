// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookRunner.h"

#include <array>
#include <cassert>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "base/Fd.h"
#include "daemon/os/HookSpawn.h"

namespace restored::os {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

std::string_view toString(HookResult::Kind kind)
{
	switch (kind) {
	case HookResult::Kind::Exited: return "exited";
	case HookResult::Kind::CouldNotStart: return "could_not_start";
	case HookResult::Kind::TimedOut: return "timed_out";
	case HookResult::Kind::Killed: return "killed";
	}
	return "unknown";
}

struct HookRunner::Impl : std::enable_shared_from_this<Impl> {
	explicit Impl(asio::any_io_executor io) : io(io), out(io), err(io), pidfd(io), timeout(io), grace(io), drain(io)
	{}

	asio::any_io_executor io;
	asio::posix::stream_descriptor out, err, pidfd;
	asio::steady_timer timeout, grace, drain;
	HookRequest request;
	std::optional<HookOutput> output;
	LineHandler onLine;
	DoneHandler onDone;
	pid_t pid = -1;
	bool started = false;
	bool exited = false; // the main process has been reaped
	bool timedOut = false;
	bool finished = false; // onDone called, or abandoned: nothing more happens
	int openStreams = 0;
	siginfo_t status{};
	Clock::time_point startedAt;
	std::array<std::array<char, 4096>, 2> buffers{};

	void start();
	void couldNotStart(std::string why);
	void read(HookStream stream);
	void waitForExit();
	void armTimeout();
	void maybeFinish();
	void finish(HookResult result);
	void closeAll();
	void abandon();
};

void HookRunner::Impl::start()
{
	started = true;
	assert(!request.argv.empty());
	output.emplace(request.maxLineBytes, request.maxOutputBytes);
	int outPipe[2], errPipe[2];
	if (::pipe2(outPipe, O_CLOEXEC) != 0)
		return couldNotStart(std::string("pipe: ") + std::strerror(errno));
	base::Fd outRead(outPipe[0]), outWrite(outPipe[1]);
	if (::pipe2(errPipe, O_CLOEXEC) != 0)
		return couldNotStart(std::string("pipe: ") + std::strerror(errno));
	base::Fd errRead(errPipe[0]), errWrite(errPipe[1]);

	startedAt = Clock::now();
	if (int rc = spawnHook(request.argv, request.environment, outWrite.get(), errWrite.get(), pid); rc != 0) {
		pid = -1;
		return couldNotStart(std::strerror(rc));
	}
	// Through syscall(): Debian 12's <sys/pidfd.h> lacks extern "C" and does not link from C++.
	int fd = int(::syscall(SYS_pidfd_open, pid, 0));
	if (fd < 0) {
		std::string why = std::string("pidfd_open: ") + std::strerror(errno);
		::kill(-pid, SIGKILL);
		::waitpid(pid, nullptr, 0);
		pid = -1;
		return couldNotStart(why);
	}
	pidfd.assign(fd);
	out.assign(outRead.release());
	err.assign(errRead.release());
	openStreams = 2;
	// The write ends close here (Fd): the child holds the only copies, so
	// the pipes end when the child's group does.
	read(HookStream::Stdout);
	read(HookStream::Stderr);
	waitForExit();
	armTimeout();
}

void HookRunner::Impl::couldNotStart(std::string why)
{
	HookResult r;
	r.kind = HookResult::Kind::CouldNotStart;
	r.error = std::move(why);
	// Never from inside start(): the caller may not be ready for its own callback.
	asio::post(io, [self = shared_from_this(), r] {
		if (!self->finished)
			self->finish(r);
	});
}

void HookRunner::Impl::read(HookStream stream)
{
	auto &d = stream == HookStream::Stdout ? out : err;
	auto &buf = buffers[stream == HookStream::Stdout ? 0 : 1];
	d.async_read_some(asio::buffer(buf),
			  [self = shared_from_this(), stream, &buf](boost::system::error_code ec, std::size_t n) {
				  for (const auto &line : self->output->feed(stream, {buf.data(), n})) {
					  if (self->finished)
						  return;
					  self->onLine(line);
				  }
				  if (self->finished)
					  return;
				  if (!ec)
					  return self->read(stream);
				  // End of file, or the drain timer closed the pipe.
				  if (auto line = self->output->finish(stream))
					  self->onLine(*line);
				  --self->openStreams;
				  self->maybeFinish();
			  });
}

void HookRunner::Impl::waitForExit()
{
	pidfd.async_wait(
		asio::posix::descriptor_base::wait_read, [self = shared_from_this()](boost::system::error_code ec) {
			if (self->finished || ec == asio::error::operation_aborted)
				return;
			// Asio made the pidfd non-blocking, so this never waits: EAGAIN
			// means the wake-up was not the exit after all.
			int rc;
			do
				rc = ::waitid(P_PIDFD, self->pidfd.native_handle(), &self->status, WEXITED | WNOWAIT);
			while (rc != 0 && errno == EINTR);
			if (rc != 0 && errno == EAGAIN)
				return self->waitForExit();
			// The main process is a zombie (WNOWAIT left it so), so its pid and
			// our group id are still ours: whatever it left running in the group
			// goes with it. Only then is it reaped.
			::kill(-self->pid, SIGKILL);
			do
				rc = ::waitid(P_PIDFD, self->pidfd.native_handle(), &self->status, WEXITED);
			while (rc != 0 && errno == EINTR);
			self->exited = true;
			self->timeout.cancel();
			self->grace.cancel();
			self->drain.expires_after(self->request.drainTimeout);
			self->drain.async_wait([self](boost::system::error_code ec) {
				if (ec || self->finished)
					return;
				// Someone outside the group still holds a pipe; stop listening.
				boost::system::error_code ignored;
				self->out.close(ignored);
				self->err.close(ignored);
			});
			self->maybeFinish();
		});
}

void HookRunner::Impl::armTimeout()
{
	timeout.expires_after(request.timeout);
	timeout.async_wait([self = shared_from_this()](boost::system::error_code ec) {
		if (ec || self->finished || self->exited)
			return;
		self->timedOut = true;
		::kill(-self->pid, SIGTERM);
		self->grace.expires_after(self->request.killGrace);
		self->grace.async_wait([self](boost::system::error_code ec) {
			if (!ec && !self->finished && !self->exited)
				::kill(-self->pid, SIGKILL);
		});
	});
}

void HookRunner::Impl::maybeFinish()
{
	if (!exited || openStreams > 0)
		return;
	HookResult r;
	r.code = status.si_status;
	if (timedOut)
		r.kind = HookResult::Kind::TimedOut;
	else if (status.si_code == CLD_EXITED)
		r.kind = HookResult::Kind::Exited;
	else
		r.kind = HookResult::Kind::Killed;
	finish(r);
}

void HookRunner::Impl::finish(HookResult result)
{
	finished = true;
	if (output)
		result.droppedOutputBytes = output->droppedBytes();
	if (pid > 0)
		result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - startedAt);
	closeAll();
	// Moved out first: onDone may destroy the HookRunner that owns this.
	DoneHandler done = std::move(onDone);
	done(result);
}

void HookRunner::Impl::closeAll()
{
	boost::system::error_code ignored;
	out.close(ignored);
	err.close(ignored);
	pidfd.close(ignored);
	timeout.cancel();
	grace.cancel();
	drain.cancel();
}

void HookRunner::Impl::abandon()
{
	if (finished)
		return;
	finished = true;
	if (pid > 0 && !exited) {
		::kill(-pid, SIGKILL);
		// waitpid on this one pid: blocking, unlike the pidfd Asio made
		// non-blocking, and no other child of the process can be taken.
		while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
		}
		exited = true;
	}
	closeAll();
}

HookRunner::HookRunner(boost::asio::io_context &io) : HookRunner(io.get_executor()) {}

HookRunner::HookRunner(boost::asio::any_io_executor executor) : impl_(std::make_shared<Impl>(std::move(executor))) {}

HookRunner::~HookRunner() { impl_->abandon(); }

void HookRunner::start(HookRequest request, LineHandler onLine, DoneHandler onDone)
{
	assert(!impl_->started && "one HookRunner per hook run");
	impl_->request = std::move(request);
	impl_->onLine = std::move(onLine);
	impl_->onDone = std::move(onDone);
	impl_->start();
}

pid_t HookRunner::pid() const { return impl_->started && !impl_->exited && !impl_->finished ? impl_->pid : -1; }

} // namespace restored::os
