// SPDX-License-Identifier: Apache-2.0
// The control socket over a real Unix socket in a scratch directory: the
// server on a test-driven io_context, peers as raw sockets (to send exactly
// a partial line, too many bytes or nothing) or as the product's client on
// a second thread. Every wait pumps the loop against a bounded deadline.
#include "daemon/os/ControlServer.h"

#include <boost/asio/io_context.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <gtest/gtest.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "TempDir.h"
#include "daemon/os/ControlClient.h"
#include "daemon/os/ControlHandler.h"

namespace os = restored::os;

namespace fs = std::filesystem;
using namespace restored;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Records what the server handed over and answers as told.
struct FakeHandler : os::ControlHandler {
	std::vector<std::string> calls;
	os::ControlPeer lastPeer;
	std::string statusDocument = "{\"jobs\":[]}";
	bool fail = false;

	os::ControlAnswer runNow(const std::string &jobId, const os::ControlPeer &peer) override
	{
		calls.push_back("run-now " + jobId);
		lastPeer = peer;
		return os::ControlAnswer::success("started " + jobId);
	}
	os::ControlAnswer cancel(const std::string &jobId, const os::ControlPeer &peer) override
	{
		calls.push_back("cancel " + jobId);
		lastPeer = peer;
		return os::ControlAnswer::failure(os::ControlError::NotRunning, jobId + " is not running");
	}
	os::ControlAnswer status(const std::string &jobId) override
	{
		calls.push_back("status " + jobId);
		if (fail)
			throw std::runtime_error("the table is gone");
		os::ControlAnswer a = os::ControlAnswer::success({});
		a.status = statusDocument;
		return a;
	}
};

sockaddr_un addressOf(const fs::path &path)
{
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
	return addr;
}

// One client end, non-blocking, made by hand.
class RawPeer
{
public:
	explicit RawPeer(const fs::path &path) : fd_(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0))
	{
		auto addr = addressOf(path);
		if (::connect(fd_, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0)
			throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
	}
	~RawPeer() { ::close(fd_); }
	RawPeer(const RawPeer &) = delete;
	RawPeer &operator=(const RawPeer &) = delete;

	// As much of `bytes` as the socket takes now.
	std::size_t send(std::string_view bytes)
	{
		auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
		return n < 0 ? 0 : static_cast<std::size_t>(n);
	}
	void halfClose() { ::shutdown(fd_, SHUT_WR); }
	// Appends what has arrived; true once the daemon has closed (EOF, or a
	// reset after it closed with our bytes unread).
	bool read(std::string &into)
	{
		char buf[65536];
		for (;;) {
			auto n = ::recv(fd_, buf, sizeof buf, 0);
			if (n > 0) {
				into.append(buf, static_cast<std::size_t>(n));
				continue;
			}
			return n == 0 || errno == ECONNRESET;
		}
	}

private:
	int fd_;
};

struct Fixture {
	restored::test::TempDir dir;
	boost::asio::io_context io;
	FakeHandler handler;
	std::unique_ptr<os::ControlServer> server;

	fs::path path() const { return dir.path() / "control.sock"; }

	void start(os::ControlServerLimits limits = {})
	{
		server = std::make_unique<os::ControlServer>(io.get_executor(), path(), handler, std::move(limits));
		server->open();
	}

	bool pumpUntil(const std::function<bool()> &done, std::chrono::milliseconds limit = 5s)
	{
		auto deadline = Clock::now() + limit;
		while (!done() && Clock::now() < deadline) {
			io.restart();
			io.run_for(5ms);
		}
		return done();
	}

	// The whole answer on `peer`, parsed; the test fails if none comes.
	os::ControlAnswer answerOn(RawPeer &peer)
	{
		std::string text;
		bool closed = pumpUntil([&] { return peer.read(text); });
		EXPECT_TRUE(closed) << "no answer; got '" << text << "'";
		EXPECT_TRUE(!text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1) << text;
		auto parsed = os::parseControlAnswer(text);
		if (auto *bad = std::get_if<std::string>(&parsed)) {
			ADD_FAILURE() << *bad << ": '" << text << "'";
			return {};
		}
		return std::get<os::ControlAnswer>(parsed);
	}

	os::ControlAnswer exchange(std::string_view request)
	{
		RawPeer peer(path());
		EXPECT_EQ(peer.send(request), request.size());
		return answerOn(peer);
	}
};

} // namespace

TEST(ControlServer, AnswersEachCommandOfAnAuthorisedPeer)
{
	Fixture f;
	f.start();
	auto a = f.exchange("{\"command\":\"run-now\",\"job\":\"nightly\"}\n");
	EXPECT_TRUE(a.ok);
	EXPECT_EQ(a.message, "started nightly");
	EXPECT_EQ(f.handler.lastPeer.uid, ::geteuid());
	EXPECT_EQ(f.handler.lastPeer.pid, ::getpid());
	a = f.exchange("{\"command\":\"cancel\",\"job\":\"nightly\"}\n");
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::NotRunning);
	f.handler.statusDocument = "{\"jobs\":[{\"job_id\":\"nightly\"}]}";
	a = f.exchange("{\"command\":\"status\"}\n");
	EXPECT_TRUE(a.ok);
	EXPECT_EQ(a.status, f.handler.statusDocument);
	f.exchange("{\"command\":\"status\",\"job\":\"nightly\"}\n");
	EXPECT_EQ(f.handler.calls,
		  (std::vector<std::string>{"run-now nightly", "cancel nightly", "status ", "status nightly"}));
	EXPECT_TRUE(f.pumpUntil([&] { return f.server->connections() == 0; }));
}

TEST(ControlServer, ARequestEndedByHalfCloseInsteadOfNewlineIsServed)
{
	Fixture f;
	f.start();
	RawPeer peer(f.path());
	peer.send("{\"command\":\"status\"}");
	peer.halfClose();
	EXPECT_TRUE(f.answerOn(peer).ok);
}

TEST(ControlServer, TheSocketIsCreatedWithMode0600WhateverTheUmask)
{
	Fixture f;
	mode_t old = ::umask(0);
	f.start();
	::umask(old);
	struct stat st {};
	ASSERT_EQ(::lstat(f.path().c_str(), &st), 0);
	EXPECT_TRUE(S_ISSOCK(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST(ControlServer, APeerWhoseUidIsNotAllowedIsRefusedAndNeverHeard)
{
	Fixture f;
	os::ControlServerLimits limits;
	limits.allowedUids = {::geteuid() + 1}; // any uid but ours
	f.start(limits);
	auto a = f.exchange("{\"command\":\"run-now\",\"job\":\"nightly\"}\n");
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::NotPermitted);
	EXPECT_NE(a.message.find("root"), std::string::npos) << a.message;
	EXPECT_TRUE(f.handler.calls.empty());
	EXPECT_EQ(f.server->connections(), 0u);
	// The server goes on refusing, and holds nothing for refused peers.
	EXPECT_EQ(f.exchange("{\"command\":\"status\"}\n").error, os::ControlError::NotPermitted);
	EXPECT_TRUE(f.handler.calls.empty());
}

TEST(ControlServer, AMalformedRequestIsAnsweredAndTheNextOneServed)
{
	Fixture f;
	f.start();
	for (std::string_view bad : std::initializer_list<std::string_view>{
		     "hello\n", "\n", "{\"command\":\"reboot\"}\n", "{\"command\":\"cancel\",\"job\":\"../x\"}\n",
		     std::string_view("\0\0\0\n", 4)}) {
		auto a = f.exchange(bad);
		EXPECT_FALSE(a.ok) << bad;
		EXPECT_NE(a.error, os::ControlError::Internal) << bad;
	}
	EXPECT_TRUE(f.handler.calls.empty());
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
}

TEST(ControlServer, AnOversizedRequestIsRefusedWithoutBeingReadWhole)
{
	Fixture f;
	f.start();
	RawPeer peer(f.path());
	std::string flood(256 * 1024, 'x'); // no newline
	EXPECT_GT(peer.send(flood), os::maxControlRequestBytes);
	auto a = f.answerOn(peer);
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::TooLarge);
	EXPECT_TRUE(f.handler.calls.empty());
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
}

TEST(ControlServer, ASlowClientIsTimedOut)
{
	Fixture f;
	os::ControlServerLimits limits;
	limits.readTimeout = 100ms;
	f.start(limits);
	RawPeer peer(f.path());
	peer.send("{\"command\":\"sta"); // and nothing more
	auto a = f.answerOn(peer);
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::Timeout);
	EXPECT_TRUE(f.handler.calls.empty());
	EXPECT_TRUE(f.pumpUntil([&] { return f.server->connections() == 0; }));
}

TEST(ControlServer, ConnectionsBeyondTheCapAreAnsweredBusy)
{
	Fixture f;
	os::ControlServerLimits limits;
	limits.maxConnections = 2;
	limits.readTimeout = 60s; // the idle ones stay until the test closes them
	f.start(limits);
	auto idle1 = std::make_unique<RawPeer>(f.path());
	RawPeer idle2(f.path());
	ASSERT_TRUE(f.pumpUntil([&] { return f.server->connections() == 2; }));
	auto a = f.exchange("{\"command\":\"status\"}\n");
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::Busy);
	EXPECT_TRUE(f.handler.calls.empty());
	idle1.reset(); // the daemon sees the close and frees the slot
	ASSERT_TRUE(f.pumpUntil([&] { return f.server->connections() == 1; }));
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
}

TEST(ControlServer, AHandlerErrorIsAnsweredAndTheServerGoesOn)
{
	Fixture f;
	f.start();
	f.handler.fail = true;
	auto a = f.exchange("{\"command\":\"status\"}\n");
	EXPECT_FALSE(a.ok);
	EXPECT_EQ(a.error, os::ControlError::Internal);
	EXPECT_EQ(a.message.find("the table is gone"), std::string::npos) << "internals stay in the log";
	f.handler.fail = false;
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
}

TEST(ControlServer, AStaleSocketFileIsReplaced)
{
	Fixture f;
	{
		int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
		auto addr = addressOf(f.path());
		ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr), 0);
		::close(fd); // the file stays; nobody accepts on it
	}
	ASSERT_TRUE(fs::exists(f.path()));
	f.start();
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
}

TEST(ControlServer, ALiveSocketIsNotTakenOver)
{
	Fixture f;
	f.start();
	FakeHandler other;
	os::ControlServer second(f.io.get_executor(), f.path(), other);
	try {
		second.open();
		ADD_FAILURE() << "a second server opened a live socket";
	} catch (const os::ControlServer::OpenError &e) {
		EXPECT_EQ(e.failure, os::ControlServer::OpenFailure::InUse) << e.what();
	}
	EXPECT_TRUE(f.exchange("{\"command\":\"status\"}\n").ok);
	EXPECT_TRUE(other.calls.empty());
}

TEST(ControlServer, AFileThatIsNotASocketIsLeftAlone)
{
	Fixture f;
	std::ofstream(f.path()) << "precious";
	try {
		f.start();
		ADD_FAILURE() << "opened over a regular file";
	} catch (const os::ControlServer::OpenError &e) {
		EXPECT_EQ(e.failure, os::ControlServer::OpenFailure::NotASocket) << e.what();
	}
	std::ifstream in(f.path());
	std::string content;
	in >> content;
	EXPECT_EQ(content, "precious");
}

TEST(ControlServer, AMissingDirectoryIsReportedAsSuch)
{
	restored::test::TempDir dir;
	boost::asio::io_context io;
	FakeHandler handler;
	os::ControlServer server(io.get_executor(), dir.path() / "absent" / "control.sock", handler);
	try {
		server.open();
		ADD_FAILURE() << "opened in a missing directory";
	} catch (const os::ControlServer::OpenError &e) {
		EXPECT_EQ(e.failure, os::ControlServer::OpenFailure::DirectoryMissing) << e.what();
	}
}

TEST(ControlServer, CloseRemovesTheSocketAndDropsPendingConnectionsUnanswered)
{
	Fixture f;
	f.start();
	RawPeer pending(f.path());
	ASSERT_TRUE(f.pumpUntil([&] { return f.server->connections() == 1; }));
	f.server->close();
	EXPECT_FALSE(fs::exists(f.path()));
	pending.send("{\"command\":\"status\"}\n");
	std::string text;
	EXPECT_TRUE(f.pumpUntil([&] { return pending.read(text); }));
	EXPECT_EQ(text, "");
	EXPECT_TRUE(f.handler.calls.empty());
}

TEST(ControlClient, GetsTheWholeOfALargeAnswer)
{
	Fixture f;
	std::string jobs;
	for (int i = 0; i < 20000; ++i)
		jobs += (i ? ",{\"job_id\":\"job-" : "{\"job_id\":\"job-") + std::to_string(i) + "\",\"pad\":\"" +
			std::string(200, 'p') + "\"}";
	f.handler.statusDocument = "{\"jobs\":[" + jobs + "]}";
	f.start();
	auto reply = std::async(std::launch::async, [path = f.path()] {
		return os::ControlClient(path, 10s).ask(os::formatControlRequest({os::ControlCommand::Status, {}}));
	});
	ASSERT_TRUE(f.pumpUntil([&] { return reply.wait_for(0s) == std::future_status::ready; }, 10s));
	auto got = reply.get();
	ASSERT_TRUE(std::holds_alternative<std::string>(got)) << std::get<os::ControlClientError>(got).message;
	auto answer = std::get<os::ControlAnswer>(os::parseControlAnswer(std::get<std::string>(got)));
	EXPECT_TRUE(answer.ok);
	EXPECT_EQ(answer.status, f.handler.statusDocument);
}

TEST(ControlClient, ReadsTheRefusalOfAPeerThatIsNotAllowed)
{
	Fixture f;
	os::ControlServerLimits limits;
	limits.allowedUids = {::geteuid() + 1};
	f.start(limits);
	auto reply = std::async(std::launch::async, [path = f.path()] {
		return os::ControlClient(path, 10s).ask(
			os::formatControlRequest({os::ControlCommand::RunNow, "nightly"}));
	});
	ASSERT_TRUE(f.pumpUntil([&] { return reply.wait_for(0s) == std::future_status::ready; }));
	auto got = reply.get();
	ASSERT_TRUE(std::holds_alternative<std::string>(got)) << std::get<os::ControlClientError>(got).message;
	EXPECT_EQ(std::get<os::ControlAnswer>(os::parseControlAnswer(std::get<std::string>(got))).error,
		  os::ControlError::NotPermitted);
}

TEST(ControlClient, NoSocketOrAStaleOneMeansNoDaemon)
{
	restored::test::TempDir dir;
	auto request = os::formatControlRequest({os::ControlCommand::Status, {}});
	auto none = os::ControlClient(dir.path() / "control.sock", 1s).ask(request);
	ASSERT_TRUE(std::holds_alternative<os::ControlClientError>(none));
	EXPECT_TRUE(std::get<os::ControlClientError>(none).noDaemon);

	int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
	auto addr = addressOf(dir.path() / "control.sock");
	ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr), 0);
	::close(fd);
	auto stale = os::ControlClient(dir.path() / "control.sock", 1s).ask(request);
	ASSERT_TRUE(std::holds_alternative<os::ControlClientError>(stale));
	EXPECT_TRUE(std::get<os::ControlClientError>(stale).noDaemon);
}

TEST(ControlClient, ADaemonThatNeverAnswersTimesOut)
{
	restored::test::TempDir dir;
	int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
	auto addr = addressOf(dir.path() / "control.sock");
	ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr), 0);
	ASSERT_EQ(::listen(fd, 4), 0); // queued, never accepted
	auto got = os::ControlClient(dir.path() / "control.sock", 100ms)
			   .ask(os::formatControlRequest({os::ControlCommand::Status, {}}));
	::close(fd);
	ASSERT_TRUE(std::holds_alternative<os::ControlClientError>(got));
	EXPECT_FALSE(std::get<os::ControlClientError>(got).noDaemon);
	EXPECT_NE(std::get<os::ControlClientError>(got).message.find("no complete answer"), std::string::npos);
}
