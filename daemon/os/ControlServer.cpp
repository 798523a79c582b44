// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlServer.h"

#include <algorithm>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/Fd.h"
#include "base/FileIo.h"
#include "config/MainConfig.h"
#include "daemon/os/ControlConnection.h"
#include "daemon/os/ControlHandler.h"

namespace restored::os {

namespace asio = boost::asio;
using Protocol = asio::local::stream_protocol;

static_assert(config::maxControlSocketPath == sizeof(sockaddr_un{}.sun_path) - 1, "the config's limit is the kernel's");

namespace {

using Failure = ControlServer::OpenFailure;
using OpenError = ControlServer::OpenError;

// A socket file nobody accepts on (its daemon died) is removed so that
// bind() can succeed; anything else at the path is left alone.
void clearStale(const std::filesystem::path &path)
{
	struct stat st {};
	if (::lstat(path.c_str(), &st) != 0) {
		if (errno == ENOENT)
			return;
		throw OpenError(Failure::Other, base::errnoText(path, "cannot inspect", errno));
	}
	if (!S_ISSOCK(st.st_mode))
		throw OpenError(Failure::NotASocket, path.string() + " exists and is not a socket; not replacing it");
	base::Fd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
	if (!probe.valid())
		throw OpenError(Failure::Other, std::string("cannot create a socket: ") + std::strerror(errno));
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::memcpy(addr.sun_path, path.c_str(), path.native().size());
	if (::connect(probe.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0 || errno == EAGAIN)
		throw OpenError(Failure::InUse, path.string() + " is in use by a running process");
	if (errno != ECONNREFUSED)
		throw OpenError(Failure::Other, base::errnoText(path, "cannot check", errno));
	if (::unlink(path.c_str()) != 0 && errno != ENOENT)
		throw OpenError(Failure::Other, base::errnoText(path, "cannot remove the stale socket", errno));
	spdlog::info("control socket: removed the stale socket {} (its daemon is gone)", path.string());
}

} // namespace

struct ControlServer::Impl : std::enable_shared_from_this<ControlServer::Impl> {
	Impl(asio::any_io_executor executor, std::filesystem::path p, ControlHandler &h, ControlServerLimits l)
		: acceptor(executor), retry(executor), path(std::move(p)), handler(&h), limits(std::move(l))
	{
		if (limits.allowedUids.empty())
			limits.allowedUids = {0, ::geteuid()};
	}

	void accept();
	void onAccept(const boost::system::error_code &ec, Protocol::socket socket);
	ControlAnswer answer(const ControlRequest &request, const ControlPeer &peer);
	std::size_t live();

	Protocol::acceptor acceptor;
	asio::steady_timer retry;
	std::filesystem::path path;
	ControlHandler *handler; // null once closed: nothing more is answered
	ControlServerLimits limits;
	std::vector<std::weak_ptr<ControlConnection>> connections;
	bool bound = false;
	dev_t dev = 0; // of the socket file open() made, so close() removes only that one
	ino_t ino = 0;
};

void ControlServer::Impl::accept()
{
	acceptor.async_accept([self = shared_from_this()](const boost::system::error_code &ec, Protocol::socket s) {
		self->onAccept(ec, std::move(s));
	});
}

std::size_t ControlServer::Impl::live()
{
	std::erase_if(connections, [](const auto &c) { return c.expired(); });
	return connections.size();
}

void ControlServer::Impl::onAccept(const boost::system::error_code &ec, Protocol::socket socket)
{
	if (!handler)
		return;
	if (ec) {
		// EMFILE and the like pass; a pause keeps a persistent one from
		// spinning the loop.
		spdlog::warn("control socket: accept failed ({}); accepting again in 100 ms", ec.message());
		retry.expires_after(std::chrono::milliseconds(100));
		retry.async_wait([self = shared_from_this()](const boost::system::error_code &e) {
			if (!e && self->handler)
				self->accept();
		});
		return;
	}
	ucred cred{};
	socklen_t len = sizeof cred;
	bool known = ::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0;
	if (!known ||
	    std::find(limits.allowedUids.begin(), limits.allowedUids.end(), cred.uid) == limits.allowedUids.end()) {
		spdlog::warn("control socket: refused uid {} (pid {}): only root and the daemon's user may use it",
			     known ? static_cast<long>(cred.uid) : -1L, known ? static_cast<long>(cred.pid) : -1L);
		ControlConnection::refuse(
			socket,
			ControlAnswer::failure(ControlError::NotPermitted,
					       "only root and the daemon's own user may use the control socket"));
	} else if (live() >= limits.maxConnections) {
		spdlog::warn("control socket: {} connections open, refused one more from uid {}", live(), cred.uid);
		ControlConnection::refuse(socket, ControlAnswer::failure(ControlError::Busy,
									 "the daemon is serving " +
										 std::to_string(limits.maxConnections) +
										 " control connections; try again"));
	} else {
		auto c = std::make_shared<ControlConnection>(
			std::move(socket), ControlPeer{cred.uid, cred.pid},
			[this](const ControlRequest &r, const ControlPeer &p) { return answer(r, p); },
			limits.readTimeout, limits.writeTimeout);
		connections.push_back(c);
		c->start();
	}
	accept();
}

ControlAnswer ControlServer::Impl::answer(const ControlRequest &request, const ControlPeer &peer)
{
	// Connections are stopped before `handler` is cleared (close()), and a
	// stopped connection never asks.
	switch (request.command) {
	case ControlCommand::RunNow: return handler->runNow(request.jobId, peer);
	case ControlCommand::Cancel: return handler->cancel(request.jobId, peer);
	case ControlCommand::Status: return handler->status(request.jobId);
	}
	return ControlAnswer::failure(ControlError::Internal, "unknown command");
}

ControlServer::ControlServer(asio::any_io_executor executor, std::filesystem::path path, ControlHandler &handler,
			     ControlServerLimits limits)
	: impl_(std::make_shared<Impl>(std::move(executor), std::move(path), handler, std::move(limits)))
{}

ControlServer::~ControlServer() { close(); }

void ControlServer::open()
{
	assert(!impl_->bound && impl_->handler);
	const auto &path = impl_->path;
	if (path.native().size() > config::maxControlSocketPath)
		throw OpenError(Failure::Other, path.string() + " is longer than a socket path may be");
	clearStale(path);
	auto &acceptor = impl_->acceptor;
	boost::system::error_code ec;
	acceptor.open(Protocol(), ec);
	// bind() gives the file the socket's own mode (less the umask): set to
	// 0600 first, the file is never open to others, not even for a moment.
	if (!ec && ::fchmod(acceptor.native_handle(), 0600) != 0)
		ec.assign(errno, boost::system::system_category());
	if (!ec)
		acceptor.bind(Protocol::endpoint(path.native()), ec);
	if (ec) {
		acceptor.close();
		throw OpenError(ec == boost::system::errc::no_such_file_or_directory ? Failure::DirectoryMissing
				: ec == boost::system::errc::address_in_use          ? Failure::InUse
										     : Failure::Other,
				"cannot create " + path.string() + ": " + ec.message());
	}
	struct stat st {};
	if (::lstat(path.c_str(), &st) == 0) {
		impl_->bound = true;
		impl_->dev = st.st_dev;
		impl_->ino = st.st_ino;
	}
	acceptor.listen(static_cast<int>(impl_->limits.maxConnections), ec);
	if (ec) {
		close();
		throw OpenError(Failure::Other, "cannot listen on " + path.string() + ": " + ec.message());
	}
	impl_->accept();
}

void ControlServer::close()
{
	auto &impl = *impl_;
	for (auto &weak : impl.connections)
		if (auto c = weak.lock())
			c->stop();
	impl.connections.clear();
	impl.handler = nullptr;
	boost::system::error_code ignored;
	impl.acceptor.close(ignored);
	impl.retry.cancel();
	struct stat st {};
	if (impl.bound && ::lstat(impl.path.c_str(), &st) == 0 && st.st_dev == impl.dev && st.st_ino == impl.ino)
		::unlink(impl.path.c_str());
	impl.bound = false;
}

const std::filesystem::path &ControlServer::path() const { return impl_->path; }

std::size_t ControlServer::connections() const { return impl_->live(); }

} // namespace restored::os
