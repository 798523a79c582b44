// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/StateStore.h"

#include <fstream>
#include <set>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "TempDir.h"

namespace os = restored::os;

namespace fs = std::filesystem;
using restored::os::StateStore;
using restored::test::TempDir;

namespace {

std::set<std::string> listDir(const fs::path &dir)
{
	std::set<std::string> names;
	for (const auto &e : fs::directory_iterator(dir))
		names.insert(e.path().filename().string());
	return names;
}

void writeRaw(const fs::path &p, const std::string &text) { std::ofstream(p) << text; }

std::string readRaw(const fs::path &p)
{
	std::ifstream in(p);
	return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST(StateStoreTest, RoundTripsRecordsAndRemoves)
{
	TempDir dir;
	os::StateStore store(dir.path());
	boost::json::value a = boost::json::parse(R"({"state":"polling","attempt":3,"task":"rt1"})");
	boost::json::value b = boost::json::parse(R"([1,2,{"x":null}])");
	ASSERT_FALSE(store.save("nightly-drill", a));
	ASSERT_FALSE(store.save("weekly", b));
	// Overwrite: the newest payload wins.
	boost::json::value a2 = boost::json::parse(R"({"state":"done"})");
	ASSERT_FALSE(store.save("nightly-drill", a2));

	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.problems.empty());
	ASSERT_EQ(loaded.records.size(), 2u);
	EXPECT_EQ(loaded.records[0].jobId, "nightly-drill");
	EXPECT_EQ(loaded.records[0].payload, a2);
	EXPECT_EQ(loaded.records[1].jobId, "weekly");
	EXPECT_EQ(loaded.records[1].payload, b);

	// The on-disk wrapper carries the schema version.
	auto onDisk = boost::json::parse(readRaw(dir.path() / "nightly-drill.json"));
	EXPECT_EQ(onDisk.at("schema").as_int64(), 1);

	ASSERT_FALSE(store.remove("nightly-drill"));
	ASSERT_FALSE(store.remove("nightly-drill")) << "removing a missing record is not an error";
	EXPECT_EQ(listDir(dir.path()), std::set<std::string>{"weekly.json"});
}

TEST(StateStoreTest, SavesTakeTurnsBetweenTheRecordAndItsSlotWithoutNewInodes)
{
	TempDir dir;
	os::StateStore store(dir.path());
	const fs::path live = dir.path() / "job.json";
	const fs::path slot = dir.path() / ".job.json.tmp";
	auto payloadOf = [](const fs::path &p) { return boost::json::parse(readRaw(p)).at("payload"); };
	auto inode = [](const fs::path &p) {
		struct stat st {};
		EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
		return st.st_ino;
	};
	ASSERT_FALSE(store.save("job", boost::json::value(0)));
	EXPECT_EQ(listDir(dir.path()), std::set<std::string>{"job.json"}) << "a first save is renamed";
	ASSERT_FALSE(store.save("job", boost::json::value(1)));
	const std::set<ino_t> inodes{inode(live), inode(slot)};
	ASSERT_EQ(inodes.size(), 2u);
	for (int i = 2; i < 6; ++i) {
		ASSERT_FALSE(
			store.save("job", boost::json::value(i),
				   i % 2 ? os::StateStore::Durability::Visible : os::StateStore::Durability::Durable));
		EXPECT_EQ(payloadOf(live), boost::json::value(i));
		EXPECT_EQ(payloadOf(slot), boost::json::value(i - 1)) << "the slot keeps the previous version";
		EXPECT_EQ((std::set<ino_t>{inode(live), inode(slot)}), inodes) << "the same two inodes swap names";
	}
	EXPECT_EQ(listDir(dir.path()), (std::set<std::string>{"job.json", ".job.json.tmp"}));
	auto loaded = store.loadAll();
	ASSERT_EQ(loaded.records.size(), 1u) << "the slot is never loaded";
	EXPECT_EQ(loaded.records[0].payload, boost::json::value(5));
}

TEST(StateStoreTest, SlotFilesAreIgnoredAndAnOrphanSlotIsCleaned)
{
	TempDir dir;
	os::StateStore store(dir.path());
	ASSERT_FALSE(store.save("job", boost::json::value("old")));
	// What a crash between write and publish leaves behind: a complete-
	// looking but uncommitted new version in the record's slot, and a
	// half-written first save of a record that never became live.
	writeRaw(dir.path() / ".job.json.tmp", R"({"schema":1,"jobId":"job","payload":"new"})");
	writeRaw(dir.path() / ".other.json.tmp", R"({"schema":1,"jo)");

	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.problems.empty());
	ASSERT_EQ(loaded.records.size(), 1u);
	EXPECT_EQ(loaded.records[0].payload, boost::json::value("old"));
	EXPECT_EQ(listDir(dir.path()), (std::set<std::string>{"job.json", ".job.json.tmp"}))
		<< "the record's slot is kept for its next save, the orphan is deleted";
	ASSERT_FALSE(store.save("job", boost::json::value("newer")));
	EXPECT_EQ(store.loadAll().records.at(0).payload, boost::json::value("newer"));
}

TEST(StateStoreTest, CorruptFilesAreReportedAndMovedAside)
{
	TempDir dir;
	os::StateStore store(dir.path());
	ASSERT_FALSE(store.save("good", boost::json::value(1)));
	writeRaw(dir.path() / "badjson.json", "{\"schema\":1, \"jobId\": \"badjson\", \"payl");
	writeRaw(dir.path() / "future.json", R"({"schema":2,"jobId":"future","payload":{}})");
	writeRaw(dir.path() / "noschema.json", R"({"jobId":"noschema","payload":{}})");
	writeRaw(dir.path() / "mismatch.json", R"({"schema":1,"jobId":"other","payload":{}})");

	auto loaded = store.loadAll();
	ASSERT_EQ(loaded.records.size(), 1u);
	EXPECT_EQ(loaded.records[0].jobId, "good");
	ASSERT_EQ(loaded.problems.size(), 4u);
	for (const auto &p : loaded.problems) {
		EXPECT_FALSE(p.reason.empty());
		ASSERT_FALSE(p.movedTo.empty()) << p.path;
		EXPECT_TRUE(fs::exists(p.movedTo));
		EXPECT_FALSE(fs::exists(p.path));
		std::string moved = p.movedTo.filename().string();
		EXPECT_EQ(moved.rfind(p.path.filename().string() + ".corrupt-", 0), 0u) << moved;
		EXPECT_EQ(moved.back(), 'Z') << "UTC timestamp suffix: " << moved;
	}
	// Nothing left to complain about on the next start.
	auto again = store.loadAll();
	EXPECT_TRUE(again.problems.empty());
	EXPECT_EQ(again.records.size(), 1u);
}

// A record cut short by a full disk, or one written by another program,
// must not lose the ClientTokens it holds: the moved-aside file keeps every
// byte, so an operator can still see which calls were sent.
TEST(StateStoreTest, QuarantinedRecordsKeepTheirClientTokensReadable)
{
	TempDir dir;
	os::StateStore store(dir.path());
	const std::string truncated =
		R"({"schema":1,"jobId":"cut","payload":{"run":{"steps":[{"createToken":"drd1-crt-1-bbbb","startTo)";
	const std::string foreign = R"({"schema":7,"jobId":"alien","payload":{"startToken":"drd1-srt-0-cccc"}})";
	writeRaw(dir.path() / "cut.json", truncated);
	writeRaw(dir.path() / "alien.json", foreign);
	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.records.empty());
	ASSERT_EQ(loaded.problems.size(), 2u);
	for (const auto &p : loaded.problems) {
		ASSERT_FALSE(p.movedTo.empty()) << p.path;
		std::string kept = readRaw(p.movedTo);
		EXPECT_EQ(kept, p.path.filename() == "cut.json" ? truncated : foreign);
		EXPECT_NE(kept.find("drd1-"), std::string::npos);
	}
	// The job's next run starts from nothing: no record is left to resume.
	ASSERT_FALSE(store.save("cut", boost::json::value("fresh")));
	EXPECT_EQ(store.loadAll().records.size(), 1u);
}

TEST(StateStoreTest, UnreadableFileIsReportedNotFatal)
{
	TempDir dir;
	os::StateStore store(dir.path());
	// Tests may run as root, where mode 000 still reads; a directory named
	// like a record fails read() with EISDIR on any account.
	fs::create_directory(dir.path() / "weird.json");
	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.records.empty());
	ASSERT_EQ(loaded.problems.size(), 1u);
	EXPECT_NE(loaded.problems[0].reason.find("cannot read"), std::string::npos) << loaded.problems[0].reason;
	EXPECT_FALSE(fs::exists(dir.path() / "weird.json"));
}

TEST(StateStoreTest, WriteErrorsAreReturnedAndOldRecordSurvives)
{
	TempDir dir;
	fs::path sub = dir.path() / "state";
	fs::create_directory(sub);
	os::StateStore store(sub);
	ASSERT_FALSE(store.save("job", boost::json::value("old")));
	// A directory squatting on the temp name makes creating it fail (EISDIR),
	// the same error path as a full disk or a read-only filesystem.
	fs::create_directory(sub / ".job.json.tmp");
	auto err = store.save("job", boost::json::value("new"));
	ASSERT_TRUE(err);
	EXPECT_NE(err->find(".job.json.tmp"), std::string::npos) << *err;
	fs::remove(sub / ".job.json.tmp");
	auto loaded = store.loadAll();
	ASSERT_EQ(loaded.records.size(), 1u);
	EXPECT_EQ(loaded.records[0].payload, boost::json::value("old"));

	os::StateStore missing(dir.path() / "does-not-exist");
	auto err2 = missing.save("job", boost::json::value(1));
	ASSERT_TRUE(err2);
	EXPECT_NE(err2->find("does-not-exist"), std::string::npos) << *err2;
}

TEST(StateStoreTest, OddJobIdsMapToSafeDistinctNames)
{
	EXPECT_EQ(os::StateStore::fileNameFor("nightly-drill_2.v1"), "nightly-drill_2.v1.json");
	EXPECT_EQ(os::StateStore::fileNameFor("../etc/passwd"), "%2E.%2Fetc%2Fpasswd.json");
	EXPECT_EQ(os::StateStore::fileNameFor("."), "%2E.json");
	EXPECT_EQ(os::StateStore::fileNameFor("a b%c"), "a%20b%25c.json");
	EXPECT_EQ(os::StateStore::fileNameFor("\xC3\xA9t\xC3\xA9"), "%C3%A9t%C3%A9.json");
	// '%' itself is escaped, so an id that looks encoded cannot collide.
	EXPECT_NE(os::StateStore::fileNameFor("a%20b"), os::StateStore::fileNameFor("a b"));

	TempDir dir;
	os::StateStore store(dir.path());
	std::vector<std::string> ids = {"../escape", "with/slash", ".hidden", "sp ace", "new\nline", "ünï"};
	for (const auto &id : ids) {
		ASSERT_FALSE(store.save(id, boost::json::value(id))) << id;
	}
	for (const auto &name : listDir(dir.path())) {
		EXPECT_NE(name[0], '.') << name;
	}
	EXPECT_FALSE(fs::exists(dir.path().parent_path() / "escape.json"));
	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.problems.empty());
	std::set<std::string> got;
	for (const auto &r : loaded.records) {
		EXPECT_EQ(r.payload, boost::json::value(r.jobId));
		got.insert(r.jobId);
	}
	EXPECT_EQ(got, std::set<std::string>(ids.begin(), ids.end()));

	EXPECT_TRUE(store.save(std::string(300, 'x'), boost::json::value(1))) << "too long for NAME_MAX";
}

TEST(StateStoreTest, QuarantineMovesAnUnusableRecordAside)
{
	TempDir dir;
	os::StateStore store(dir.path());
	ASSERT_FALSE(store.save("drill", boost::json::parse(R"({"run":"not a run"})")));
	auto movedTo = store.quarantine("drill");
	ASSERT_FALSE(movedTo.empty());
	EXPECT_EQ(movedTo.parent_path(), dir.path());
	EXPECT_NE(movedTo.filename().string().find("drill.json.corrupt-"), std::string::npos);
	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.records.empty()) << "a quarantined record is not loaded again";
}

TEST(StateStoreTest, VisibleSavesAreAtomicRenamesToo)
{
	TempDir dir;
	os::StateStore store(dir.path());
	auto v = boost::json::parse(R"({"progress":[100,50,0,0]})");
	ASSERT_FALSE(store.save("drill", v, os::StateStore::Durability::Visible));
	EXPECT_EQ(listDir(dir.path()), std::set<std::string>{"drill.json"}) << "no temp file left";
	auto loaded = store.loadAll();
	ASSERT_EQ(loaded.records.size(), 1u);
	EXPECT_EQ(loaded.records[0].payload, v);
}

TEST(StateStoreTest, TheDaemonStatusFileIsNeitherLoadedNorOverwritten)
{
	TempDir dir;
	os::StateStore store(dir.path());
	writeRaw(dir.path() / std::string(os::StateStore::statusFileName), R"({"counts":{},"jobs":[]})");
	ASSERT_FALSE(store.save("status", boost::json::value(7)));
	EXPECT_NE(os::StateStore::fileNameFor("status"), os::StateStore::statusFileName);

	auto loaded = store.loadAll();
	EXPECT_TRUE(loaded.problems.empty());
	ASSERT_EQ(loaded.records.size(), 1u);
	EXPECT_EQ(loaded.records[0].jobId, "status");
	EXPECT_EQ(loaded.records[0].payload, boost::json::value(7));
	EXPECT_EQ(readRaw(dir.path() / std::string(os::StateStore::statusFileName)), R"({"counts":{},"jobs":[]})");
}

TEST(StateStoreTest, GroupCommitTracksUnflushedRecordsUntilFlush)
{
	TempDir dir;
	os::StateStore store(dir.path());
	auto v = boost::json::parse(R"({"token":"drd1-srt-0-abc"})");
	ASSERT_FALSE(store.save("a", v, os::StateStore::Durability::Visible));
	ASSERT_FALSE(store.save("b", v, os::StateStore::Durability::Visible));
	EXPECT_TRUE(store.flushLater("a")) << "the first noted record asks for a flush";
	EXPECT_FALSE(store.flushLater("b")) << "later ones join the same flush";
	EXPECT_TRUE(store.unflushed("a"));
	EXPECT_TRUE(store.unflushed("b"));
	EXPECT_FALSE(store.unflushed("c"));
	EXPECT_FALSE(store.flush());
	EXPECT_FALSE(store.unflushed("a"));
	EXPECT_FALSE(store.unflushed("b"));
	EXPECT_TRUE(store.flushLater("a")) << "after a flush, the next note asks again";
}

TEST(StateStoreTest, DeferredSaveBecomesVisibleOnlyWhenFlushed)
{
	TempDir dir;
	os::StateStore store(dir.path());
	auto before = boost::json::parse(R"({"phase":"pending"})");
	auto after = boost::json::parse(R"({"phase":"starting","token":"drd1-srt-0-abc"})");
	ASSERT_FALSE(store.save("drill", before));
	ASSERT_FALSE(store.save("drill", after, os::StateStore::Durability::Deferred));
	EXPECT_TRUE(store.flushLater("drill"));
	EXPECT_EQ(boost::json::parse(readRaw(dir.path() / "drill.json")).at("payload"), before)
		<< "not in place before the flush";
	EXPECT_FALSE(store.flush());
	EXPECT_EQ(boost::json::parse(readRaw(dir.path() / "drill.json")).at("payload"), after);
	EXPECT_EQ(boost::json::parse(readRaw(dir.path() / ".drill.json.tmp")).at("payload"), before)
		<< "published by exchanging it with the previous version";
}

TEST(StateStoreTest, AFlushNeverUndoesANewerSaveOfThePendingRecord)
{
	TempDir dir;
	os::StateStore store(dir.path());
	auto older = boost::json::parse(R"({"phase":"polling"})");
	auto pending = boost::json::parse(R"({"outcome":"succeeded","n":1})");
	auto newer = boost::json::parse(R"({"outcome":"succeeded","n":2})");
	ASSERT_FALSE(store.save("drill", older));
	ASSERT_FALSE(store.save("drill", pending, os::StateStore::Durability::Deferred));
	store.flushLater("drill");
	ASSERT_FALSE(store.save("drill", newer, os::StateStore::Durability::Visible));
	EXPECT_FALSE(store.flush());
	EXPECT_TRUE(store.loadAll().problems.empty());
	EXPECT_EQ(store.loadAll().records.at(0).payload, newer);
}

TEST(StateStoreTest, RemovingARecordDropsItsPendingDeferredSave)
{
	TempDir dir;
	os::StateStore store(dir.path());
	auto v = boost::json::parse(R"({"outcome":"cancelled"})");
	ASSERT_FALSE(store.save("gone", v));
	ASSERT_FALSE(store.save("gone", v, os::StateStore::Durability::Deferred));
	store.flushLater("gone");
	ASSERT_FALSE(store.remove("gone"));
	EXPECT_FALSE(store.unflushed("gone"));
	EXPECT_FALSE(store.flush());
	EXPECT_TRUE(listDir(dir.path()).empty()) << "the flush did not bring the record back";
}
