// SPDX-License-Identifier: Apache-2.0
// The peer: how users watch DBS restores today. One polling loop per restore
// task, written with the official Node client (@alicloud/pop-core): start the
// task, then one DescribeRestoreTaskList call for that task alone every
// interval until its status is terminal.
//
// Usage: node poll-each-task.js CONFIG.json
// CONFIG: {endpoint, accessKeyId, secretFile, taskIds: [...], pollIntervalMs,
//          resultFile}
// The secret is read from secretFile, never taken from argv. When every task
// is terminal the script writes resultFile, prints "done" and waits for its
// stdin to close, so the harness can read /proc/<pid> before it exits.
'use strict';
const fs = require('fs');
const http = require('http');
const RPCClient = require('@alicloud/pop-core').RPCClient;

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const secret = fs.readFileSync(config.secretFile, 'utf8').trim();
// Bounded sockets, as a careful user would configure; pop-core's default
// agent opens one socket per concurrent request.
const agent = new http.Agent({keepAlive: true, maxSockets: 64});
const client = new RPCClient({
	endpoint: config.endpoint,
	accessKeyId: config.accessKeyId,
	accessKeySecret: secret,
	apiVersion: '2019-03-06',
});
const opts = {method: 'POST', agent, timeout: 60000};
const ongoing = new Set(['init', 'running', 'pause', '']);

const calls = {StartRestoreTask: 0, DescribeRestoreTaskList: 0};
const errors = {};
const detectedWallMs = {};
let remaining = config.taskIds.length;

function sleep(ms)
{
	return new Promise(resolve => setTimeout(resolve, ms));
}

async function request(action, params)
{
	calls[action]++;
	try {
		const r = await client.request(action, params, opts);
		if (r.Success === false)
			throw Object.assign(new Error(r.ErrMessage), {code: r.ErrCode});
		return r;
	} catch (e) {
		const code = e.code || e.name || 'Error';
		errors[code] = (errors[code] || 0) + 1;
		return null;
	}
}

// One user's loop for one task.
async function watch(taskId, offsetMs)
{
	await sleep(offsetMs);
	while (!(await request('StartRestoreTask', {RestoreTaskId: taskId})))
		await sleep(config.pollIntervalMs);
	for (;;) {
		await sleep(config.pollIntervalMs);
		const r = await request('DescribeRestoreTaskList', {RestoreTaskId: taskId});
		const items = r && r.Items && r.Items.RestoreTaskDetail;
		if (!items || items.length === 0)
			continue;
		if (!ongoing.has(items[0].RestoreStatus)) {
			detectedWallMs[taskId] = Date.now();
			return;
		}
	}
}

async function main()
{
	// Independent scripts start at independent moments: spread the starts
	// evenly over the first interval rather than firing them in one tick.
	const n = config.taskIds.length;
	const spread = (i) => Math.floor((config.pollIntervalMs * i) / n);
	await Promise.all(config.taskIds.map((id, i) => watch(id, spread(i))));
	fs.writeFileSync(config.resultFile, JSON.stringify({calls, errors, detectedWallMs}));
	process.stdout.write('done\n');
	process.stdin.resume();
	process.stdin.on('end', () => process.exit(0));
	process.stdin.on('close', () => process.exit(0));
}

main();
