// SPDX-License-Identifier: Apache-2.0
// The control socket with 10,000 jobs loaded: a real dbs-restored (release
// build, `DBS_RESTORED` or the one built next to this benchmark) started on
// a scratch directory of 10,000 scheduled job files, asked by the product's
// own client (ControlClient) exactly as `--status`, `--run-now` and
// `--cancel` ask it: connect, request, whole answer, parse. The time is the
// wall time of one such exchange; max_ms is the slowest. The daemon's API
// endpoint is 127.0.0.1:1, where nothing listens: a run started by run-now
// fails its first call and retries until the next cancel ends it.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "base/Fd.h"
#include "daemon/os/ControlClient.h"
#include "daemon/os/ControlProtocol.h"

namespace os = restored::os;

extern char **environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using restored::os::ControlAnswer;
using restored::os::ControlCommand;

constexpr int jobCount = 10000;

std::string jobId(int i)
{
	char buf[16];
	std::snprintf(buf, sizeof buf, "job-%05d", i);
	return buf;
}

// The daemon and its scratch directory, for the whole benchmark run.
class Daemon
{
public:
	Daemon()
	{
		std::string tmpl = (fs::temp_directory_path() / "dbs-bench-control-XXXXXX").string();
		if (!::mkdtemp(tmpl.data()))
			throw std::runtime_error("mkdtemp failed");
		dir_ = tmpl;
		fs::create_directory(dir_ / "jobs.d");
		fs::create_directory(dir_ / "state");
		std::ofstream(dir_ / "key")
			<< "access_key_id = LTAI5tBenchAccessKey1\naccess_key_secret = bench-only\n";
		std::ofstream(dir_ / "dbs-restored.yaml")
			<< "jobs_dir: jobs.d\nstate_dir: state\ncontrol_socket: control.sock\n"
			   "api: {endpoint: http://127.0.0.1:1, rate_limit: {requests_per_second: 1000, burst: 1000}}\n"
			   "credentials: {file: key}\nmax_running_jobs: 100000\nlog: {target: stderr, level: warn}\n";
		// New Year's midnight: no job runs unless asked to.
		for (int i = 0; i < jobCount; ++i)
			std::ofstream(dir_ / "jobs.d" / (jobId(i) + ".yaml"))
				<< "schedule: \"0 0 1 1 *\"\nsteps:\n  - restore:\n      restore_task_id: rtbench-" << i
				<< "\n";
		start();
	}
	~Daemon()
	{
		if (pid_ > 0) {
			::kill(pid_, SIGTERM);
			::waitpid(pid_, nullptr, 0);
		}
		std::error_code ec;
		fs::remove_all(dir_, ec);
	}

	fs::path socket() const { return dir_ / "control.sock"; }

private:
	// Started with a NOTIFY_SOCKET of our own: READY=1 comes once the jobs
	// are loaded and the control socket listens.
	void start()
	{
		const char *fromEnv = std::getenv("DBS_RESTORED");
		std::string binary = fromEnv && *fromEnv ? fromEnv : DBS_RESTORED_PATH;
		auto notifyPath = dir_ / "notify.sock";
		base::Fd notify(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
		sockaddr_un addr{};
		addr.sun_family = AF_UNIX;
		std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", notifyPath.c_str());
		if (::bind(notify.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0)
			throw std::runtime_error("cannot bind " + notifyPath.string());

		std::string notifyEnv = "NOTIFY_SOCKET=" + notifyPath.string();
		std::vector<char *> env;
		for (char **e = environ; *e; ++e)
			if (std::string_view(*e).rfind("NOTIFY_SOCKET=", 0) != 0)
				env.push_back(*e);
		env.push_back(notifyEnv.data());
		env.push_back(nullptr);
		std::string config = (dir_ / "dbs-restored.yaml").string();
		std::string log = (dir_ / "daemon.log").string();
		std::vector<char *> argv{binary.data(), const_cast<char *>("--config"), config.data(), nullptr};
		posix_spawn_file_actions_t actions;
		posix_spawn_file_actions_init(&actions);
		posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int rc = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), env.data());
		posix_spawn_file_actions_destroy(&actions);
		if (rc != 0)
			throw std::runtime_error("cannot start " + binary);

		auto deadline = Clock::now() + 120s;
		for (std::string got; got.find("READY=1") == std::string::npos;) {
			auto left =
				std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
			pollfd p{notify.get(), POLLIN, 0};
			if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0)
				throw std::runtime_error("no READY=1 within 120 s; see " + log);
			char buf[4096];
			auto n = ::recv(notify.get(), buf, sizeof buf, 0);
			if (n > 0)
				got.assign(buf, static_cast<std::size_t>(n));
		}
	}

	fs::path dir_;
	pid_t pid_ = -1;
};

// One exchange as the command line makes it. Throws when not answered ok.
os::ControlAnswer exchange(const fs::path &socket, os::ControlCommand command, const std::string &job)
{
	os::ControlClient client(socket, 10s);
	auto reply = client.ask(os::formatControlRequest({command, job}));
	if (auto *e = std::get_if<os::ControlClientError>(&reply))
		throw std::runtime_error(e->message);
	auto parsed = os::parseControlAnswer(std::get<std::string>(reply));
	if (auto *bad = std::get_if<std::string>(&parsed))
		throw std::runtime_error(*bad);
	auto answer = std::get<os::ControlAnswer>(parsed);
	if (!answer.ok)
		throw std::runtime_error(answer.message);
	return answer;
}

// Started on first use, and asked for a status once before anything is
// timed: that first answer waits behind the work the daemon defers until
// after READY=1 (admitting runs, the first status.json), which no later
// request meets.
Daemon &daemon()
{
	static Daemon d;
	static bool warm = (exchange(d.socket(), os::ControlCommand::Status, {}), true);
	(void)warm;
	return d;
}

os::ControlAnswer ask(os::ControlCommand command, const std::string &job)
{
	return exchange(daemon().socket(), command, job);
}

// Times `timed` per iteration; `between` runs untimed after each. The
// counters: the median, 95th percentile and slowest exchange.
template<class Timed, class Between>
void measure(benchmark::State &state, Timed timed, Between between)
{
	std::vector<double> ms;
	int i = 0;
	try {
		daemon(); // started (and warmed) before the clock runs
		for (auto _ : state) {
			auto began = Clock::now();
			timed(i);
			ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - began).count());
			state.PauseTiming();
			between(i);
			++i;
			state.ResumeTiming();
		}
	} catch (const std::exception &e) {
		state.SkipWithError(e.what());
		return;
	}
	std::sort(ms.begin(), ms.end());
	state.counters["p50_ms"] = ms[ms.size() / 2];
	state.counters["p95_ms"] = ms[ms.size() * 95 / 100];
	state.counters["max_ms"] = ms.back();
}

void statusOfEveryJob(benchmark::State &state)
{
	std::size_t bytes = 0;
	measure(
		state, [&](int) { bytes = ask(os::ControlCommand::Status, {}).status.size(); }, [](int) {});
	state.counters["answer_bytes"] = static_cast<double>(bytes);
}

void statusOfOneJob(benchmark::State &state)
{
	measure(
		state, [](int i) { ask(os::ControlCommand::Status, jobId(i * 7 % jobCount)); }, [](int) {});
}

void runNow(benchmark::State &state)
{
	measure(
		state, [](int i) { ask(os::ControlCommand::RunNow, jobId(i % jobCount)); },
		[](int i) { ask(os::ControlCommand::Cancel, jobId(i % jobCount)); });
}

void cancel(benchmark::State &state)
{
	// Started untimed before each cancel: the jobs from jobCount / 2 on.
	ask(os::ControlCommand::RunNow, jobId(jobCount / 2));
	measure(
		state, [](int i) { ask(os::ControlCommand::Cancel, jobId(jobCount / 2 + i % (jobCount / 2))); },
		[](int i) { ask(os::ControlCommand::RunNow, jobId(jobCount / 2 + (i + 1) % (jobCount / 2))); });
	ask(os::ControlCommand::Cancel, jobId(jobCount / 2 + static_cast<int>(state.iterations()) % (jobCount / 2)));
}

} // namespace

BENCHMARK(statusOfEveryJob)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(50);
BENCHMARK(statusOfOneJob)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(200);
BENCHMARK(runNow)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(200);
BENCHMARK(cancel)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(200);

BENCHMARK_MAIN();
