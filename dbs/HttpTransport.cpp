// SPDX-License-Identifier: Apache-2.0
#include "dbs/HttpTransport.h"

#include <atomic>
#include <deque>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "dbs/HttpConnection.h"
#include "dbs/PlainConnection.h"
#include "dbs/TlsConnection.h"

namespace dbs {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

// Lives as long as any handler that references it; everything below runs on
// strand_.
struct HttpTransport::Impl : std::enable_shared_from_this<HttpTransport::Impl> {
	struct Pending {
		Pending(net::any_io_executor ex) : timer(ex) {}
		HttpRequest request;
		RequestMaker make; // when set, makes `request` as it leaves the queue
		Callback cb;
		Clock::time_point deadline;
		net::steady_timer timer;
		std::shared_ptr<HttpConnection> connection; // while on the wire
		bool done = false;
	};

	Impl(net::io_context &io, const Endpoint &endpoint, const TransportOptions &options)
		: strand_(net::make_strand(io)), options_(options),
		  factory_(endpoint.tls ? makeTlsConnectionFactory(strand_, endpoint, options)
					: makePlainConnectionFactory(strand_, endpoint, options))
	{}

	void enqueue(std::shared_ptr<Pending> p)
	{
		if (queue_.size() >= options_.maxQueued)
			return complete(p, base::ApiError::transient("Transport.QueueFull",
								     "too many requests waiting for a connection"));
		p->timer.expires_at(p->deadline);
		p->timer.async_wait([self = shared_from_this(), p](boost::system::error_code ec) {
			if (!ec)
				self->expire(p);
		});
		queue_.push_back(std::move(p));
		pump();
	}

	void expire(const std::shared_ptr<Pending> &p)
	{
		if (p->done)
			return;
		// Closing makes the connection's own callback arrive (and be
		// ignored); the connection is then dropped, not reused.
		if (p->connection)
			p->connection->close();
		std::erase(queue_, p);
		complete(p, base::ApiError::transient("Transport.Timeout", "total request timeout exceeded"));
		pump();
	}

	void pump()
	{
		while (!stopped_ && !queue_.empty() && (!idle_.empty() || busy_ < options_.maxConnections)) {
			auto p = std::move(queue_.front());
			queue_.pop_front();
			if (p->make) {
				auto made = p->make();
				p->make = nullptr;
				if (!made) {
					complete(p, base::ApiError::transient("Transport.Abandoned",
									      "the request's client is gone"));
					continue;
				}
				p->request = std::move(*made);
			}
			std::shared_ptr<HttpConnection> c;
			while (!c && !idle_.empty()) {
				c = std::move(idle_.back());
				idle_.pop_back();
				if (!c->reusable()) { // closed by the server while idle
					c->close();
					c.reset();
				}
			}
			if (!c)
				c = factory_();
			++busy_;
			p->connection = c;
			// The callback lives inside the connection until the exchange
			// ends, so it holds both weakly: strong references would make
			// connection -> callback -> connection (and -> pending ->
			// connection) cycles that leak every connection still on the
			// wire when the io_context is destroyed. While on the wire the
			// pending is kept alive by its deadline timer's handler, and the
			// connection by the pending.
			c->exchange(p->request, p->deadline,
				    [self = shared_from_this(), wp = std::weak_ptr<Pending>(p),
				     wc = std::weak_ptr<HttpConnection>(c)](Outcome<HttpResponse> o) {
					    self->onExchange(wp.lock(), wc.lock(), std::move(o));
				    });
		}
	}

	// Either may be gone: a pending that expired released its connection.
	void onExchange(const std::shared_ptr<Pending> &p, const std::shared_ptr<HttpConnection> &c,
			Outcome<HttpResponse> o)
	{
		--busy_;
		if (p)
			p->connection.reset();
		if (c && c->reusable() && !stopped_)
			idle_.push_back(c);
		if (p)
			complete(p, std::move(o));
		pump();
	}

	void complete(const std::shared_ptr<Pending> &p, Outcome<HttpResponse> o)
	{
		if (p->done)
			return;
		p->done = true;
		p->timer.cancel();
		Callback cb = std::move(p->cb);
		if (!stopped_)
			cb(std::move(o));
	}

	void stop()
	{
		stopped_ = true;
		for (auto &c : idle_)
			c->close();
		idle_.clear();
		for (auto &p : queue_)
			p->timer.cancel();
		queue_.clear();
	}

	net::strand<net::io_context::executor_type> strand_;
	TransportOptions options_;
	ConnectionFactory factory_;
	std::deque<std::shared_ptr<Pending>> queue_;
	std::vector<std::shared_ptr<HttpConnection>> idle_;
	std::size_t busy_ = 0;
	std::atomic<bool> stopped_{false};
};

HttpTransport::HttpTransport(net::io_context &io, Endpoint endpoint, TransportOptions options)
	: impl_(std::make_shared<Impl>(io, endpoint, options))
{}

HttpTransport::~HttpTransport()
{
	impl_->stopped_ = true;
	net::post(impl_->strand_, [impl = impl_] { impl->stop(); });
}

void HttpTransport::send(HttpRequest request, Callback cb)
{
	send([request = std::move(request)]() mutable -> std::optional<HttpRequest> { return std::move(request); },
	     std::move(cb));
}

void HttpTransport::send(RequestMaker make, Callback cb)
{
	auto p = std::make_shared<Impl::Pending>(impl_->strand_);
	p->make = std::move(make);
	p->cb = std::move(cb);
	p->deadline = Clock::now() + impl_->options_.totalTimeout;
	net::post(impl_->strand_, [impl = impl_, p] { impl->enqueue(p); });
}

} // namespace dbs
