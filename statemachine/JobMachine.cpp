// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

// The table has more than MPL's default 20 rows; the limit must be raised
// before any Boost header is seen (toolchain.md, MSM pitfalls).
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 30
#define BOOST_MPL_LIMIT_MAP_SIZE 30

#include <cassert>
#include <exception>
#include <type_traits>
#include <typeinfo>

#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include "statemachine/CallActions.h"
#include "statemachine/ErrorLookup.h"
#include "statemachine/PollActions.h"
#include "statemachine/RunActions.h"
#include "statemachine/RunContext.h"
#include "statemachine/RunGuards.h"

namespace statemachine {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

namespace {

// The functor front end calls a guard or an action as (event, fsm, source,
// target). Ours are free functions over the run's RunContext (RunGuards.h,
// RunActions.h, CallActions.h, PollActions.h, ErrorLookup.h) and take the
// event, only its time, or neither: call() passes what the function takes.
template<auto Fn, class E>
auto call(RunContext &c, const E &e)
{
	if constexpr (std::is_invocable_v<decltype(Fn), RunContext &, const E &>)
		return Fn(c, e);
	else if constexpr (std::is_invocable_v<decltype(Fn), const E &>)
		return Fn(e);
	else if constexpr (std::is_invocable_v<decltype(Fn), RunContext &, std::int64_t>)
		return Fn(c, e.nowMs);
	else
		return Fn(c);
}

// A guard: the question's answer is this one.
template<auto Question, auto Answer>
struct Is {
	template<class E, class F, class S, class T>
	bool operator()(const E &e, F &f, S &, T &) const
	{
		return call<Question>(*f.ctx, e) == Answer;
	}
};

// An action: each function in turn.
template<auto... Fns>
struct Do {
	template<class E, class F, class S, class T>
	void operator()(const E &e, F &f, S &, T &) const
	{
		(call<Fns>(*f.ctx, e), ...);
	}
};

using ResumesInCall = Is<resumesInCall, true>;
using ResumesInPoll = Is<resumesInPoll, true>;
using UnusableRecord = Is<unusableRecord, true>;
using NextIsCall = Is<afterCall, AfterCall::NextCall>;
using NextIsPoll = Is<afterCall, AfterCall::Poll>;
using RunIsDone = Is<afterCall, AfterCall::RunDone>;
using MayRetry = Is<afterFailure, AfterFailure::Retry>;
using StartRefused = Is<afterFailure, AfterFailure::Observe>;
using MustFail = Is<afterFailure, AfterFailure::Fail>;
using IsRetryTimer = Is<timerKind, TimerKind::Retry>;
using IsPollTimer = Is<timerKind, TimerKind::Poll>;
using StillRunning = Is<afterPoll, AfterPoll::Continue>;
using NeedsDetail = Is<afterPoll, AfterPoll::AskDetail>;
using StepDoneMore = Is<afterPoll, AfterPoll::NextStep>;
using StepDoneLast = Is<afterPoll, AfterPoll::RunDone>;
using PrecheckFailed = Is<afterAnswer, AfterAnswer::PrecheckFailed>;
using PrecheckClear = Is<afterAnswer, AfterAnswer::Clear>;
using StartDidNotTake = Is<afterAnswer, AfterAnswer::RetryStart>;
using StartRefusedForGood = Is<afterAnswer, AfterAnswer::RefusedForGood>;
using LookupRetryable = Is<lookupRetryable, true>;
using LookupDone = Is<lookupRetryable, false>;
using LimitReachedOnTask = Is<limitReachedOnTask, true>;
using LimitReachedElsewhere = Is<limitReachedElsewhere, true>;

using BeginCall = Do<beginRun, issueCall>;
using BeginPoll = Do<beginRun, requestPoll>;
using FailUnusable = Do<failUnusable>;
using RecordAndCall = Do<recordCall, issueNextCall>;
using RecordAndPoll = Do<recordCall, startPolling>;
using RecordAndSucceed = Do<recordCall, succeed>;
using ArmRetry = Do<armRetry>;
using ObserveStart = Do<observeStart>;
using FailCall = Do<failCall>;
using Resend = Do<issueCall>;
using RequestPoll = Do<requestPoll>;
using AskErrorCodeOnLimit = Do<askErrorCodeOnLimit>;
using NotePoll = Do<notePoll>;
using RetryStart = Do<retryStart>;
using AskErrorCode = Do<askErrorCode>;
using NextStep = Do<settleStart, nextStep>;
using Succeed = Do<settleStart, succeed>;
using NotePrecheckClear = Do<notePrecheckClear>;
using FailWithDetail = Do<failWithDetail>;
using FailRefused = Do<failRefused>;
using ArmLookupRetry = Do<armLookupRetry>;
using AskAgain = Do<askAgain>;
using FailGone = Do<failGone>;
using Cancel = Do<cancelRun>;
using Expire = Do<expire>;
using SaveForShutdown = Do<saveForShutdown>;
using NoteFileChanged = Do<noteFileChanged>;

constexpr const char *eventName(const Begin &) { return "Begin"; }
constexpr const char *eventName(const ApiSucceeded &) { return "ApiSucceeded"; }
constexpr const char *eventName(const ApiFailed &) { return "ApiFailed"; }
constexpr const char *eventName(const PollOutcome &) { return "PollOutcome"; }
constexpr const char *eventName(const JobErrorCodeAnswered &) { return "JobErrorCodeAnswered"; }
constexpr const char *eventName(const TaskGone &) { return "TaskGone"; }
constexpr const char *eventName(const TimerFired &) { return "TimerFired"; }
constexpr const char *eventName(const CancelRequested &) { return "CancelRequested"; }
constexpr const char *eventName(const ShutdownRequested &) { return "ShutdownRequested"; }
constexpr const char *eventName(const FileChanged &) { return "FileChanged"; }

// The front end. Two orthogonal regions: the work (left) and the run's
// lifetime (right). A terminate state in either region ends the run, so
// cancel, deadline and stall are two rows instead of one per work state.
struct JobFsm_ : msm::front::state_machine_def<JobFsm_> {
	// Actions never post events; exceptions are still caught (exception_caught).
	typedef int no_message_queue;

	struct Idle : msm::front::state<> {};
	struct Calling : msm::front::state<> {};
	struct WaitingRetry : msm::front::state<> {};
	struct Polling : msm::front::state<> {};
	struct FetchingErrorDetail : msm::front::state<> {};
	struct Succeeded : msm::front::terminate_state<> {};
	struct Failed : msm::front::terminate_state<> {};
	struct Live : msm::front::state<> {};
	struct Cancelled : msm::front::terminate_state<> {};
	struct Expired : msm::front::terminate_state<> {}; // reported as Failed

	using initial_state = mpl::vector<Idle, Live>;

	// clang-format off
	struct transition_table : mpl::vector<
	//    Start                 Event                  Target                Action                Guard
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	// work region
	Row < Idle                , Begin                , Calling             , BeginCall           , ResumesInCall         >,
	Row < Idle                , Begin                , Polling             , BeginPoll           , ResumesInPoll         >,
	Row < Idle                , Begin                , Failed              , FailUnusable        , UnusableRecord        >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < Calling             , ApiSucceeded         , Calling             , RecordAndCall       , NextIsCall            >,
	Row < Calling             , ApiSucceeded         , Polling             , RecordAndPoll       , NextIsPoll            >,
	Row < Calling             , ApiSucceeded         , Succeeded           , RecordAndSucceed    , RunIsDone             >,
	Row < Calling             , ApiFailed            , WaitingRetry        , ArmRetry            , MayRetry              >,
	Row < Calling             , ApiFailed            , Polling             , ObserveStart        , StartRefused          >,
	Row < Calling             , ApiFailed            , Failed              , FailCall            , MustFail              >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < WaitingRetry        , TimerFired           , Calling             , Resend              , IsRetryTimer          >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < Polling             , TimerFired           , none                , RequestPoll         , IsPollTimer           >,
	Row < Polling             , TimerFired           , FetchingErrorDetail , AskErrorCodeOnLimit , LimitReachedOnTask    >,
	Row < Polling             , PollOutcome          , none                , NotePoll            , StillRunning          >,
	Row < Polling             , PollOutcome          , FetchingErrorDetail , AskErrorCode        , NeedsDetail           >,
	Row < Polling             , PollOutcome          , Calling             , NextStep            , StepDoneMore          >,
	Row < Polling             , PollOutcome          , Succeeded           , Succeed             , StepDoneLast          >,
	Row < Polling             , JobErrorCodeAnswered , none                , NotePrecheckClear   , PrecheckClear         >,
	Row < Polling             , JobErrorCodeAnswered , Failed              , FailWithDetail      , PrecheckFailed        >,
	Row < Polling             , JobErrorCodeAnswered , WaitingRetry        , RetryStart          , StartDidNotTake       >,
	Row < Polling             , JobErrorCodeAnswered , Failed              , FailRefused         , StartRefusedForGood   >,
	Row < Polling             , TaskGone             , Failed              , FailGone            , none                  >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < FetchingErrorDetail , JobErrorCodeAnswered , none                , ArmLookupRetry      , LookupRetryable       >,
	Row < FetchingErrorDetail , TimerFired           , none                , AskAgain            , IsRetryTimer          >,
	Row < FetchingErrorDetail , JobErrorCodeAnswered , Failed              , FailWithDetail      , LookupDone            >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	// lifetime region
	Row < Live                , CancelRequested      , Cancelled           , Cancel              , none                  >,
	Row < Live                , TimerFired           , Expired             , Expire              , LimitReachedElsewhere >,
	Row < Live                , ShutdownRequested    , none                , SaveForShutdown     , none                  >,
	Row < Live                , FileChanged          , none                , NoteFileChanged     , none                  >
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	> {};
	// clang-format on

	// MSM's defaults assert; a daemon logs and carries on.
	// MSM calls this once per region; the lifetime region (always Live while
	// events are accepted) would only repeat the work region's line.
	template<class Fsm, class Event>
	void no_transition(const Event &, Fsm &, int state)
	{
		if (state == msm::back::get_state_id<typename Fsm::stt, Live>::value)
			return;
		if (ctx)
			ctx->log(LogKind::EventIgnored, Severity::Debug,
			         std::string("no transition for ") + eventName(Event{}) + " in state " + stateName(state));
	}

	template<class Fsm, class Event>
	void exception_caught(const Event &, Fsm &, std::exception &ex)
	{
		if (ctx)
			ctx->log(LogKind::InternalError, Severity::Error,
			         std::string("handling ") + eventName(Event{}) + " threw: " + ex.what());
	}

	static std::string stateName(int id);

	std::unique_ptr<RunContext> ctx;
};

} // namespace

struct JobMachine::Fsm : msm::back::state_machine<JobFsm_> {
	using state_machine::state_machine;

	template<class State>
	static constexpr int id = msm::back::get_state_id<stt, State>::value;
};

namespace {

template<class State>
constexpr int sid = JobMachine::Fsm::id<State>;

} // namespace

std::string JobFsm_::stateName(int id)
{
	switch (id) {
	case sid<Idle>: return "Idle";
	case sid<Calling>: return "Calling";
	case sid<WaitingRetry>: return "WaitingRetry";
	case sid<Polling>: return "Polling";
	case sid<FetchingErrorDetail>: return "FetchingErrorDetail";
	case sid<Succeeded>: return "Succeeded";
	case sid<Failed>: return "Failed";
	case sid<Live>: return "Live";
	case sid<Cancelled>: return "Cancelled";
	case sid<Expired>: return "Expired";
	}
	return "?";
}

// ---- facade ---------------------------------------------------------------

namespace {

Commands ignored(RunContext *ctx, const std::string &why)
{
	if (!ctx)
		return {Log{LogKind::EventIgnored, Severity::Warning, why, {}}};
	ctx->log(LogKind::EventIgnored, Severity::Debug, why);
	return ctx->takeCommands();
}

} // namespace

JobMachine::JobMachine(RandomSource &random) : random_(random), fsm_(std::make_unique<Fsm>())
{
	fsm_->start();
}

JobMachine::JobMachine(config::JobSpecPtr spec, JobRun run, RandomSource &random)
	: JobMachine(random)
{
	fsm_->ctx = std::make_unique<RunContext>(std::move(spec), std::move(run), random_);
}

JobMachine::~JobMachine() = default;

template<class Event>
Commands JobMachine::dispatch(const Event &e)
{
	if (!fsm_->ctx)
		return ignored(nullptr, std::string(eventName(e)) + " before the run started");
	if (finished())
		return ignored(fsm_->ctx.get(), std::string(eventName(e)) + " after the run finished");
	fsm_->process_event(e);
	return fsm_->ctx->takeCommands();
}

Commands JobMachine::handle(const JobStarted &e)
{
	if (fsm_->ctx)
		return ignored(fsm_->ctx.get(), "JobStarted for a machine that already has a run");
	assert(e.spec);
	JobRun run = RunContext::freshRun(*e.spec, e.runId, e.nowMs);
	fsm_->ctx = std::make_unique<RunContext>(e.spec, std::move(run), random_);
	return dispatch(Begin{e.nowMs, false});
}

Commands JobMachine::resume(std::int64_t nowMs)
{
	return dispatch(Begin{nowMs, true});
}

Commands JobMachine::handle(const ApiSucceeded &e)
{
	RunContext *c = fsm_->ctx.get();
	// The daemon should answer DescribeJobErrorCode with JobErrorCodeAnswered;
	// a generic answer must not leave the machine waiting until its deadline.
	if (e.action == ApiAction::DescribeJobErrorCode)
		return dispatch(JobErrorCodeAnswered{e.nowMs, std::nullopt, std::nullopt});
	if (c && state() == MachineState::Calling) {
		if (e.action != currentAction(*c))
			return ignored(c, "answer to " + std::string(toString(e.action)) + " while waiting for " +
			                      std::string(toString(currentAction(*c))));
		// A success without the id the next step needs is a broken reply:
		// fail the step rather than poll for nothing.
		std::string missing;
		if (e.action == ApiAction::CreateRestoreTask && e.restoreTaskId.empty())
			missing = "RestoreTaskId";
		if (e.action == ApiAction::StartBackupPlan && e.createdFullBackupSetId.empty() &&
		    afterCall(*c, e) == AfterCall::Poll)
			missing = "CreatedFullBackupsetId";
		if (!missing.empty()) {
			dbs::ApiError err{dbs::ErrorClass::Permanent, "Response.MissingField",
			                  std::string(toString(e.action)) + " succeeded without " + missing,
			                  e.requestId, 200, std::nullopt};
			return dispatch(ApiFailed{e.action, e.nowMs, err});
		}
	}
	return dispatch(e);
}

Commands JobMachine::handle(const ApiFailed &e)
{
	RunContext *c = fsm_->ctx.get();
	if (e.action == ApiAction::DescribeJobErrorCode)
		return dispatch(JobErrorCodeAnswered{e.nowMs, std::nullopt, e.error});
	if (c && state() == MachineState::Calling && e.action != currentAction(*c))
		return ignored(c, "failure of " + std::string(toString(e.action)) + " while waiting for " +
		                      std::string(toString(currentAction(*c))));
	return dispatch(e);
}

Commands JobMachine::handle(const RestorePolled &e)
{
	RunContext *c = fsm_->ctx.get();
	if (c && !finished() && (c->isBackupStep() || e.restoreTaskId != c->step().restoreTaskId))
		return ignored(c, "poll result for restore task " + e.restoreTaskId + ", which this step does not watch");
	return dispatch(PollOutcome{e.nowMs, classifyRestoreStatus(e.status), e.status, e.progress, e.errMessage,
	                            contradiction(e.status, e.finishTimeMs)});
}

Commands JobMachine::handle(const BackupSetPolled &e)
{
	RunContext *c = fsm_->ctx.get();
	if (c && !finished() &&
	    (!c->isBackupStep() || e.backupSetId != c->step().createdFullBackupSetId))
		return ignored(c, "poll result for backup set " + e.backupSetId + ", which this step does not watch");
	RestoreVerdict v = RestoreVerdict::InProgress;
	switch (classifyBackupSetStatus(e.status)) {
	case BackupSetVerdict::Done: v = RestoreVerdict::Succeeded; break;
	case BackupSetVerdict::Failed: v = RestoreVerdict::Failed; break;
	case BackupSetVerdict::InProgress: break;
	}
	return dispatch(PollOutcome{e.nowMs, v, e.status, {}, e.errMessage, {}});
}

Commands JobMachine::handle(const JobErrorCodeAnswered &e) { return dispatch(e); }
Commands JobMachine::handle(const TaskGone &e)
{
	RunContext *c = fsm_->ctx.get();
	if (c && !finished() && (c->isBackupStep() || e.restoreTaskId != c->step().restoreTaskId))
		return ignored(c, "restore task " + e.restoreTaskId + " is gone, but this step does not watch it");
	return dispatch(e);
}
Commands JobMachine::handle(const TimerFired &e) { return dispatch(e); }
Commands JobMachine::handle(const FileChanged &e) { return dispatch(e); }
Commands JobMachine::handle(const FileRemoved &e)
{
	return dispatch(CancelRequested{e.nowMs, "the job file was removed"});
}
Commands JobMachine::handle(const CancelRequested &e) { return dispatch(e); }
Commands JobMachine::handle(const ShutdownRequested &e) { return dispatch(e); }

MachineState JobMachine::state() const
{
	const int work = fsm_->current_state()[0];
	const int life = fsm_->current_state()[1];
	if (life == sid<JobFsm_::Cancelled>)
		return MachineState::Cancelled;
	if (life == sid<JobFsm_::Expired>)
		return MachineState::Failed;
	switch (work) {
	case sid<JobFsm_::Calling>: return MachineState::Calling;
	case sid<JobFsm_::WaitingRetry>: return MachineState::WaitingRetry;
	case sid<JobFsm_::Polling>: return fsm_->ctx->run().paused ? MachineState::Paused : MachineState::Polling;
	case sid<JobFsm_::FetchingErrorDetail>: return MachineState::FetchingErrorDetail;
	case sid<JobFsm_::Succeeded>: return MachineState::Succeeded;
	case sid<JobFsm_::Failed>: return MachineState::Failed;
	}
	return MachineState::Idle;
}

bool JobMachine::finished() const
{
	const MachineState s = state();
	return s == MachineState::Succeeded || s == MachineState::Failed || s == MachineState::Cancelled;
}

const JobRun &JobMachine::run() const
{
	assert(fsm_->ctx);
	return fsm_->ctx->run();
}

const config::JobSpec &JobMachine::spec() const
{
	assert(fsm_->ctx);
	return fsm_->ctx->spec();
}

std::string_view toString(MachineState s)
{
	switch (s) {
	case MachineState::Idle: return "idle";
	case MachineState::Calling: return "calling";
	case MachineState::WaitingRetry: return "waiting-retry";
	case MachineState::Polling: return "polling";
	case MachineState::Paused: return "paused";
	case MachineState::FetchingErrorDetail: return "fetching-error-detail";
	case MachineState::Succeeded: return "succeeded";
	case MachineState::Failed: return "failed";
	case MachineState::Cancelled: return "cancelled";
	}
	return "?";
}

} // namespace statemachine
