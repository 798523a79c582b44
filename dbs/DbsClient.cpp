// SPDX-License-Identifier: Apache-2.0
#include "dbs/DbsClient.h"

#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "dbs/Crypto.h"
#include "dbs/Endpoint.h"
#include "dbs/HttpTransport.h"
#include "dbs/PageCursor.h"
#include "dbs/RequestBuilder.h"
#include "dbs/ResponseParser.h"

namespace dbs {

namespace {

// State of one walk over the pages of a list call; shared by its page
// callbacks. `request` holds the filter; PageNum is the cursor's. Items are
// deduplicated by their id, in first-seen order.
template<typename Req, typename Resp, typename Item>
struct ListWalk {
	std::string_view action;
	Req request;
	Outcome<Resp> (*parse)(const HttpResponse &);
	std::string (*idOf)(const Item &);
	PageCursor cursor{DbsClient::maxPages};
	std::vector<Item> items;
	std::set<std::string> seen;
	DbsClient::Callback<std::vector<Item>> cb;
};

std::string restoreTaskIdOf(const RestoreTaskDetail &t) { return t.restoreTaskId; }
std::string backupSetIdOf(const FullBackupFile &f) { return f.backupSetId; }

Endpoint endpointFor(const DbsClientOptions &o)
{
	return o.endpoint.empty() ? Endpoint::forRegion(o.region) : Endpoint::parse(o.endpoint);
}

} // namespace

struct DbsClient::Impl : std::enable_shared_from_this<DbsClient::Impl> {
	Impl(boost::asio::io_context &io, DbsClientOptions o) : io_(io), transport_(io, endpointFor(o), o.transport)
	{
		ctx_.endpoint = endpointFor(o);
		ctx_.credentials = std::move(o.credentials);
		ctx_.style = o.signatureStyle;
		ctx_.userAgent = std::move(o.userAgent);
		now_ = o.now ? std::move(o.now) : [] { return std::chrono::system_clock::now(); };
		nonce_ = o.nonce ? std::move(o.nonce) : [] { return crypto::randomHex(16); };
		onRequestDone_ = std::move(o.onRequestDone);
	}

	// Validates, signs, sends and parses one call.
	template<typename Req, typename Resp>
	void call(std::string_view action, const Req &req, Outcome<Resp> (*parse)(const HttpResponse &),
		  Callback<Resp> cb)
	{
		if (auto problem = validate(req)) {
			base::ApiError e = base::ApiError::permanent("Client.InvalidRequest",
								     std::string(action) + ": " + *problem);
			// Weak: no callback after the client is gone (see DbsClient.h).
			boost::asio::post(io_, [weak = weak_from_this(), cb = std::move(cb), e] {
				if (weak.lock())
					cb(e);
			});
			return;
		}
		// Signed when it leaves the transport's queue (HttpTransport.h);
		// a resend on a fresh connection is signed, and timed, anew.
		auto sentAt = std::make_shared<std::chrono::steady_clock::time_point>();
		auto make = [weak = weak_from_this(), action, req, sentAt]() -> std::optional<HttpRequest> {
			auto self = weak.lock();
			if (!self)
				return std::nullopt;
			*sentAt = std::chrono::steady_clock::now();
			return RequestBuilder::build(self->ctx_, action, toParams(req), self->now_(), self->nonce_());
		};
		transport_.send(std::move(make), [weak = weak_from_this(), action, sentAt, parse,
						  cb = std::move(cb)](Outcome<HttpResponse> o) {
			Outcome<Resp> answer = o.ok() ? parse(o.value()) : Outcome<Resp>(o.error());
			// Never signed means never sent (the queue failed it): no request.
			auto self = weak.lock();
			if (self && self->onRequestDone_ && *sentAt != std::chrono::steady_clock::time_point{})
				self->onRequestDone_(action, answer.ok() ? nullptr : &answer.error(),
						     std::chrono::steady_clock::now() - *sentAt);
			cb(std::move(answer));
		});
	}

	template<typename Req, typename Resp, typename Item>
	static void fetchPage(std::weak_ptr<Impl> weak, std::shared_ptr<ListWalk<Req, Resp, Item>> walk);

	// Starts a walk over every page of `action` with `filter`.
	template<typename Req, typename Resp, typename Item>
	static void walk(std::weak_ptr<Impl> weak, std::string_view action, Req filter,
			 Outcome<Resp> (*parse)(const HttpResponse &), std::string (*idOf)(const Item &),
			 Callback<std::vector<Item>> cb)
	{
		using Walk = ListWalk<Req, Resp, Item>;
		fetchPage(
			std::move(weak),
			std::make_shared<Walk>(Walk{
				action, std::move(filter), parse, idOf, PageCursor{maxPages}, {}, {}, std::move(cb)}));
	}

	boost::asio::io_context &io_;
	HttpTransport transport_;
	RequestBuilder::Context ctx_;
	std::function<std::chrono::system_clock::time_point()> now_;
	std::function<std::string()> nonce_;
	std::function<void(std::string_view, const base::ApiError *, std::chrono::steady_clock::duration)>
		onRequestDone_;
};

DbsClient::DbsClient(boost::asio::io_context &io, DbsClientOptions options)
	: impl_(std::make_shared<Impl>(io, std::move(options)))
{}

DbsClient::~DbsClient() = default;

void DbsClient::startBackupPlan(const StartBackupPlanRequest &r, Callback<StartBackupPlanResponse> cb)
{
	impl_->call("StartBackupPlan", r, &ResponseParser::startBackupPlan, std::move(cb));
}

void DbsClient::startRestoreTask(const StartRestoreTaskRequest &r, Callback<StartRestoreTaskResponse> cb)
{
	impl_->call("StartRestoreTask", r, &ResponseParser::startRestoreTask, std::move(cb));
}

void DbsClient::createRestoreTask(const CreateRestoreTaskRequest &r, Callback<CreateRestoreTaskResponse> cb)
{
	impl_->call("CreateRestoreTask", r, &ResponseParser::createRestoreTask, std::move(cb));
}

void DbsClient::describeRestoreTaskList(const DescribeRestoreTaskListRequest &r,
					Callback<DescribeRestoreTaskListResponse> cb)
{
	impl_->call("DescribeRestoreTaskList", r, &ResponseParser::describeRestoreTaskList, std::move(cb));
}

void DbsClient::describeFullBackupList(const DescribeFullBackupListRequest &r,
				       Callback<DescribeFullBackupListResponse> cb)
{
	impl_->call("DescribeFullBackupList", r, &ResponseParser::describeFullBackupList, std::move(cb));
}

void DbsClient::describeJobErrorCode(const DescribeJobErrorCodeRequest &r, Callback<DescribeJobErrorCodeResponse> cb)
{
	impl_->call("DescribeJobErrorCode", r, &ResponseParser::describeJobErrorCode, std::move(cb));
}

void DbsClient::describeAllRestoreTasks(const std::string &restoreTaskIds, Callback<std::vector<RestoreTaskDetail>> cb)
{
	DescribeRestoreTaskListRequest filter;
	filter.restoreTaskId = restoreTaskIds;
	Impl::walk(impl_, "DescribeRestoreTaskList", std::move(filter), &ResponseParser::describeRestoreTaskList,
		   &restoreTaskIdOf, std::move(cb));
}

void DbsClient::describePlanRestoreTasks(const std::string &backupPlanId, Callback<std::vector<RestoreTaskDetail>> cb)
{
	DescribeRestoreTaskListRequest filter;
	filter.backupPlanId = backupPlanId;
	Impl::walk(impl_, "DescribeRestoreTaskList", std::move(filter), &ResponseParser::describeRestoreTaskList,
		   &restoreTaskIdOf, std::move(cb));
}

void DbsClient::describePlanBackupSets(const std::string &backupPlanId, Callback<std::vector<FullBackupFile>> cb)
{
	DescribeFullBackupListRequest filter;
	filter.backupPlanId = backupPlanId;
	Impl::walk(impl_, "DescribeFullBackupList", std::move(filter), &ResponseParser::describeFullBackupList,
		   &backupSetIdOf, std::move(cb));
}

template<typename Req, typename Resp, typename Item>
void DbsClient::Impl::fetchPage(std::weak_ptr<Impl> weak, std::shared_ptr<ListWalk<Req, Resp, Item>> walk)
{
	// Weak: a walk in progress must not keep a destroyed client alive.
	auto impl = weak.lock();
	if (!impl)
		return;
	Req req = walk->request;
	req.pageNum = walk->cursor.nextPageNum();
	req.pageSize = 100; // DescribeFullBackupList allows only 30, 50 or 100
	impl->call(walk->action, req, walk->parse, Callback<Resp>([weak, walk](Outcome<Resp> o) {
			   // A refused page (e.g. an unknown id in the list) comes back as
			   // is, so the caller can split the batch.
			   if (!o.ok())
				   return walk->cb(o.error());
			   const auto &page = o.value();
			   for (const auto &item : page.items) {
				   if (walk->seen.insert(walk->idOf(item)).second)
					   walk->items.push_back(item);
			   }
			   if (walk->cursor.advance(page.paging, page.items.size(), walk->seen.size()))
				   return walk->cb(std::move(walk->items));
			   fetchPage(weak, walk);
		   }));
}

} // namespace dbs
