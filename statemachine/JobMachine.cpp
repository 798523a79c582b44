// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

// The table has more than MPL's default 20 rows: the limit is raised before
// any Boost header (docs/state-machine.md, "States": 40 costs no more than 30).
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 40
#define BOOST_MPL_LIMIT_MAP_SIZE 40

#include <cassert>
#include <exception>

#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include "statemachine/JobTable.h"

namespace statemachine {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::Internal;
using msm::front::none;
using msm::front::Row;

namespace {

using namespace table;

Commands ignored(RunContext *ctx, const std::string &why)
{
	if (!ctx)
		return {Log{LogKind::EventIgnored, Severity::Warning, why, {}}};
	ctx->log(LogKind::EventIgnored, Severity::Debug, why);
	return ctx->takeCommands();
}

// The front end. Two orthogonal regions: the work (left) and the run's
// lifetime (right). A state that decides the outcome, in either region,
// blocks every event but the wrap-up's, so cancel, deadline and stall are
// two rows instead of one per work state.
struct JobFsm_ : msm::front::state_machine_def<JobFsm_> {
	// Actions never post events; exceptions are still caught (exception_caught).
	typedef int no_message_queue;

	// A run whose outcome is decided (an MSM interrupt state: only
	// HookFinished gets through). Its one row, shared by every such state,
	// is the wrap-up: the notify hook ended, the run is recorded and over.
	struct Decided : msm::front::interrupt_state<HookFinished> {
		// clang-format off
		struct internal_transition_table : mpl::vector<
		//         Event          Action      Guard
		Internal < HookFinished , EndNotify , NotifyEnded >
		> {};
		// clang-format on
	};
	struct Idle : msm::front::state<> {};
	struct Calling : msm::front::state<> {};
	struct WaitingRetry : msm::front::state<> {};
	struct Polling : msm::front::state<> {};
	struct FetchingErrorDetail : msm::front::state<> {};
	struct Verifying : msm::front::state<> {};
	struct Succeeded : Decided {};
	struct Failed : Decided {};
	struct Concluding : Decided {}; // resumed with the outcome decided
	struct Live : msm::front::state<> {};
	struct Cancelled : Decided {};
	struct Expired : Decided {}; // reported as Failed

	using initial_state = mpl::vector<Idle, Live>;

	// Answers for another call or task than the one the step waits for (a
	// late reply, a poll batched before the step moved on) are dropped by
	// rows of their own (D1 to D4), each logged.
	// clang-format off
	struct transition_table : mpl::vector<
	//    Start                 Event                  Target                Action                Guard
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	// work region
	Row < Idle                , Begin                , Calling             , BeginCall           , ResumesInCall         >,
	Row < Idle                , Begin                , Polling             , BeginPoll           , ResumesInPoll         >,
	Row < Idle                , Begin                , Failed              , FailUnusable        , UnusableRecord        >,
	Row < Idle                , Begin                , Verifying           , BeginVerify         , ResumesInVerify       >,
	Row < Idle                , Begin                , Concluding          , BeginWrapUp         , ResumesInWrapUp       >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < Calling             , ApiSucceeded         , Calling             , RecordAndCall       , NextIsCall            >,
	Row < Calling             , ApiSucceeded         , Polling             , RecordAndPoll       , NextIsPoll            >,
	Row < Calling             , ApiSucceeded         , Succeeded           , RecordAndSucceed    , RunIsDone             >,
	Row < Calling             , ApiSucceeded         , Verifying           , RecordAndVerify     , RunIsDoneVerify       >,
	Row < Calling             , ApiSucceeded         , Failed              , FailBrokenReply     , ReplyLacksId          >,
	Row < Calling             , ApiSucceeded         , none                , DropAnswer          , AnswersAnotherCall    >,
	Row < Calling             , ApiFailed            , WaitingRetry        , ArmRetry            , MayRetry              >,
	Row < Calling             , ApiFailed            , Polling             , ObserveStart        , StartRefused          >,
	Row < Calling             , ApiFailed            , Failed              , FailCall            , MustFail              >,
	Row < Calling             , ApiFailed            , none                , DropFailure         , FailsAnotherCall      >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < WaitingRetry        , TimerFired           , Calling             , Resend              , IsRetryTimer          >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < Polling             , TimerFired           , none                , RequestPoll         , IsPollTimer           >,
	Row < Polling             , TimerFired           , FetchingErrorDetail , AskErrorCodeOnLimit , LimitReachedOnTask    >,
	Row < Polling             , PollOutcome          , none                , NotePoll            , StillRunning          >,
	Row < Polling             , PollOutcome          , FetchingErrorDetail , AskErrorCode        , NeedsDetail           >,
	Row < Polling             , PollOutcome          , Calling             , NextStep            , StepDoneMore          >,
	Row < Polling             , PollOutcome          , Succeeded           , Succeed             , StepDoneLast          >,
	Row < Polling             , PollOutcome          , Verifying           , Verify              , StepDoneVerify        >,
	Row < Polling             , PollOutcome          , none                , DropPoll            , PollsAnother          >,
	Row < Polling             , JobErrorCodeAnswered , none                , NotePrecheckClear   , PrecheckClear         >,
	Row < Polling             , JobErrorCodeAnswered , Failed              , FailWithDetail      , PrecheckFailed        >,
	Row < Polling             , JobErrorCodeAnswered , WaitingRetry        , RetryStart          , StartDidNotTake       >,
	Row < Polling             , JobErrorCodeAnswered , Failed              , FailRefused         , StartRefusedForGood   >,
	Row < Polling             , TaskGone             , Failed              , FailGone            , WatchesTask           >,
	Row < Polling             , TaskGone             , none                , DropGone            , GoneIsAnother         >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < FetchingErrorDetail , JobErrorCodeAnswered , none                , ArmLookupRetry      , LookupRetryable       >,
	Row < FetchingErrorDetail , TimerFired           , none                , AskAgain            , IsRetryTimer          >,
	Row < FetchingErrorDetail , JobErrorCodeAnswered , Failed              , FailWithDetail      , LookupDone            >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	Row < Verifying           , HookFinished         , Succeeded           , PassVerification    , VerificationPasses    >,
	Row < Verifying           , HookFinished         , Failed              , FailVerification    , VerificationFails     >,
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	// lifetime region
	Row < Live                , CancelRequested      , Cancelled           , Cancel              , none                  >,
	Row < Live                , TimerFired           , Expired             , Expire              , LimitReachedElsewhere >,
	Row < Live                , ShutdownRequested    , none                , SaveForShutdown     , none                  >,
	Row < Live                , FileChanged          , none                , NoteFileChanged     , none                  >
	//   +---------------------+----------------------+---------------------+---------------------+-----------------------+
	> {};
	// clang-format on

	// MSM's defaults assert; a daemon logs and carries on. Called once per region:
	// the lifetime region (Live while events are accepted) would repeat the line.
	template<class Fsm, class Event>
	void no_transition(const Event &, Fsm &, int state)
	{
		if (state == msm::back::get_state_id<typename Fsm::stt, Live>::value)
			return;
		if (ctx)
			ctx->log(LogKind::EventIgnored, Severity::Debug,
				 std::string("no transition for ") + eventName(Event{}) + " in state " +
					 stateName(state));
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
};

template<class State>
constexpr int sid = msm::back::get_state_id<JobMachine::Fsm::stt, State>::value;

std::string JobFsm_::stateName(int id)
{
	switch (id) {
	case sid<Idle>: return "Idle";
	case sid<Calling>: return "Calling";
	case sid<WaitingRetry>: return "WaitingRetry";
	case sid<Polling>: return "Polling";
	case sid<FetchingErrorDetail>: return "FetchingErrorDetail";
	case sid<Verifying>: return "Verifying";
	case sid<Succeeded>: return "Succeeded";
	case sid<Failed>: return "Failed";
	case sid<Concluding>: return "Concluding";
	case sid<Live>: return "Live";
	case sid<Cancelled>: return "Cancelled";
	case sid<Expired>: return "Expired";
	}
	return "?";
}

JobMachine::JobMachine(RandomSource &random) : random_(random), fsm_(std::make_unique<Fsm>()) { fsm_->start(); }

JobMachine::JobMachine(config::JobSpecPtr spec, JobRun run, RandomSource &random) : JobMachine(random)
{
	fsm_->ctx = std::make_unique<RunContext>(std::move(spec), std::move(run), random_);
}

JobMachine::~JobMachine() = default;

template<class Event>
Commands JobMachine::dispatch(const Event &e)
{
	if (!fsm_->ctx)
		return ignored(nullptr, std::string(eventName(e)) + " before the run started");
	// Once decided, only the wrap-up's HookFinished and a resumed run's Begin count.
	constexpr bool wrapUp = std::is_same_v<Event, HookFinished> || std::is_same_v<Event, Begin>;
	if (finished() || (decided() && !wrapUp))
		return ignored(fsm_->ctx.get(), std::string(eventName(e)) + " after the run's outcome was decided");
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

Commands JobMachine::resume(std::int64_t nowMs) { return dispatch(Begin{nowMs, true}); }

// The handlers translate the daemon's events into the machine's and decide
// nothing: which answers are stale, broken or for another task is the
// table's business (its guards, RunGuards.h).

Commands JobMachine::handle(const ApiSucceeded &e)
{
	// The daemon should answer DescribeJobErrorCode with JobErrorCodeAnswered;
	// a generic answer must not leave the machine waiting until its deadline.
	if (e.action == ApiAction::DescribeJobErrorCode)
		return dispatch(JobErrorCodeAnswered{e.nowMs, std::nullopt, std::nullopt});
	return dispatch(e);
}

Commands JobMachine::handle(const ApiFailed &e)
{
	if (e.action == ApiAction::DescribeJobErrorCode)
		return dispatch(JobErrorCodeAnswered{e.nowMs, std::nullopt, e.error});
	return dispatch(e);
}

Commands JobMachine::handle(const RestorePolled &e) { return dispatch(PollOutcome::of(e)); }
Commands JobMachine::handle(const BackupSetPolled &e) { return dispatch(PollOutcome::of(e)); }

Commands JobMachine::handle(const JobErrorCodeAnswered &e) { return dispatch(e); }
Commands JobMachine::handle(const TaskGone &e) { return dispatch(e); }
Commands JobMachine::handle(const TimerFired &e) { return dispatch(e); }
Commands JobMachine::handle(const FileChanged &e) { return dispatch(e); }
Commands JobMachine::handle(const FileRemoved &e)
{
	return dispatch(CancelRequested{e.nowMs, "the job file was removed"});
}
Commands JobMachine::handle(const CancelRequested &e) { return dispatch(e); }
Commands JobMachine::handle(const ShutdownRequested &e) { return dispatch(e); }
Commands JobMachine::handle(const HookFinished &e) { return dispatch(e); }
Commands JobMachine::handle(const BackupSetDescribed &e)
{
	if (!fsm_->ctx || finished())
		return ignored(fsm_->ctx.get(), "BackupSetDescribed after the run was recorded");
	noteSetEnd(*fsm_->ctx, e);
	return fsm_->ctx->takeCommands();
}

MachineState JobMachine::state() const
{
	// A decided run's outcome is in the record (either region decided, or Concluding).
	const int work = fsm_->current_state()[0];
	if (decided() && work != sid<JobFsm_::Idle>) {
		if (fsm_->ctx->run().drillPhase == DrillPhase::Notifying)
			return MachineState::Notifying;
		switch (fsm_->ctx->run().outcome) {
		case Outcome::Succeeded: return MachineState::Succeeded;
		case Outcome::Cancelled: return MachineState::Cancelled;
		default: return MachineState::Failed;
		}
	}
	switch (work) {
	case sid<JobFsm_::Calling>: return MachineState::Calling;
	case sid<JobFsm_::WaitingRetry>: return MachineState::WaitingRetry;
	case sid<JobFsm_::Polling>: return fsm_->ctx->run().paused ? MachineState::Paused : MachineState::Polling;
	case sid<JobFsm_::FetchingErrorDetail>: return MachineState::FetchingErrorDetail;
	case sid<JobFsm_::Verifying>: return MachineState::Verifying;
	}
	return MachineState::Idle;
}

bool JobMachine::decided() const { return fsm_->ctx && fsm_->ctx->run().outcome != Outcome::None; }

bool JobMachine::finished() const { return fsm_->ctx && runOver(fsm_->ctx->run()); }

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

} // namespace statemachine
