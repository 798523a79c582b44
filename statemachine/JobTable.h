// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <type_traits>

#include "statemachine/CallActions.h"
#include "statemachine/DrillActions.h"
#include "statemachine/ErrorLookup.h"
#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"
#include "statemachine/PollActions.h"
#include "statemachine/RunActions.h"
#include "statemachine/RunContext.h"
#include "statemachine/RunGuards.h"
#include "statemachine/SetEvidence.h"

// The names JobMachine's transition table uses: its guards, its actions and
// its events. Plain C++ with no MSM include; only JobMachine.cpp includes it.

namespace statemachine::table {

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

using ResumesInCall = Is<resumeAt, ResumeAt::Call>;
using ResumesInPoll = Is<resumeAt, ResumeAt::Poll>;
using ResumesInVerify = Is<resumeAt, ResumeAt::Verify>;
using ResumesInWrapUp = Is<resumeAt, ResumeAt::WrapUp>;
using UnusableRecord = Is<resumeAt, ResumeAt::Unusable>;
using NextIsCall = Is<afterCall, AfterCall::NextCall>;
using NextIsPoll = Is<afterCall, AfterCall::Poll>;
using RunIsDone = Is<afterCall, AfterCall::RunDone>;
using RunIsDoneVerify = Is<afterCall, AfterCall::Verify>;
using ReplyLacksId = Is<afterCall, AfterCall::MissingId>;
using AnswersAnotherCall = Is<afterCall, AfterCall::NotInFlight>;
using MayRetry = Is<afterFailure, AfterFailure::Retry>;
using StartRefused = Is<afterFailure, AfterFailure::Observe>;
using MustFail = Is<afterFailure, AfterFailure::Fail>;
using FailsAnotherCall = Is<afterFailure, AfterFailure::NotInFlight>;
using IsRetryTimer = Is<timerKind, TimerKind::Retry>;
using IsPollTimer = Is<timerKind, TimerKind::Poll>;
using StillRunning = Is<afterPoll, AfterPoll::Continue>;
using NeedsDetail = Is<afterPoll, AfterPoll::AskDetail>;
using StepDoneMore = Is<afterPoll, AfterPoll::NextStep>;
using StepDoneLast = Is<afterPoll, AfterPoll::RunDone>;
using StepDoneVerify = Is<afterPoll, AfterPoll::Verify>;
using PollsAnother = Is<afterPoll, AfterPoll::NotWatched>;
using WatchesTask = Is<watchesTask, true>;
using GoneIsAnother = Is<watchesTask, false>;
using PrecheckFailed = Is<afterAnswer, AfterAnswer::PrecheckFailed>;
using PrecheckClear = Is<afterAnswer, AfterAnswer::Clear>;
using StartDidNotTake = Is<afterAnswer, AfterAnswer::RetryStart>;
using StartRefusedForGood = Is<afterAnswer, AfterAnswer::RefusedForGood>;
using LookupRetryable = Is<lookupRetryable, true>;
using LookupDone = Is<lookupRetryable, false>;
using LimitReachedOnTask = Is<limitReachedOnTask, true>;
using LimitReachedElsewhere = Is<limitReachedElsewhere, true>;
using VerificationPasses = Is<afterVerify, AfterVerify::Passes>;
using VerificationFails = Is<afterVerify, AfterVerify::FailsRun>;
using NotifyEnded = Is<endsNotify, true>;

using BeginCall = Do<beginRun, issueCall>;
using BeginPoll = Do<beginRun, requestPoll>;
using BeginVerify = Do<resumeVerify>;
using BeginWrapUp = Do<resumeWrapUp>;
using FailUnusable = Do<failUnusable>;
using RecordAndCall = Do<recordCall, issueNextCall>;
using RecordAndPoll = Do<recordCall, startPolling>;
using RecordAndSucceed = Do<recordCall, succeed>;
using RecordAndVerify = Do<recordCall, startVerify>;
using ArmRetry = Do<armRetry>;
using ObserveStart = Do<observeStart>;
using FailCall = Do<failCall>;
using FailBrokenReply = Do<failBrokenReply>;
using DropAnswer = Do<dropAnswer>;
using DropFailure = Do<dropFailure>;
using DropPoll = Do<dropPoll>;
using DropGone = Do<dropGone>;
using Resend = Do<issueCall>;
using RequestPoll = Do<requestPoll>;
using AskErrorCodeOnLimit = Do<askErrorCodeOnLimit>;
using NotePoll = Do<notePoll>;
using RetryStart = Do<retryStart>;
using AskErrorCode = Do<askErrorCode>;
using NextStep = Do<settleStart, noteEvidence, nextStep>;
using Succeed = Do<settleStart, noteEvidence, succeed>;
using Verify = Do<settleStart, noteEvidence, startVerify>;
using PassVerification = Do<passVerification>;
using FailVerification = Do<failVerification>;
using EndNotify = Do<endNotify>;
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
constexpr const char *eventName(const HookFinished &) { return "HookFinished"; }

} // namespace statemachine::table
