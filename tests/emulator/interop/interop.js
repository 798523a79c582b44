// SPDX-License-Identifier: Apache-2.0
// Interoperability oracle: requests signed by the official Alibaba Cloud
// Node.js clients must be accepted by dbs-emulator, and the same requests
// with a wrong secret must be rejected with SignatureDoesNotMatch.
// Usage: node interop.js PORT   (exit 0 = every check passed)
'use strict';

const RPCClient = require('@alicloud/pop-core').RPCClient;
const OpenApi = require('@alicloud/openapi-client');
const Util = require('@alicloud/tea-util');

const port = process.argv[2];
const keyId = 'LTAI5tDemoAccessKey01';
const goodSecret = 'demo-secret-not-for-production';
const version = '2019-03-06';
let failures = 0;

function report(name, ok, detail) {
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
	if (!ok)
		failures++;
}

function codeOf(err) {
	return err.code || (err.data && (err.data.Code || err.data.code)) || err.name;
}

async function popCore(method, secret) {
	const client = new RPCClient({
		accessKeyId: keyId, accessKeySecret: secret,
		endpoint: `http://127.0.0.1:${port}`, apiVersion: version,
	});
	return client.request('DescribeRestoreTaskList', { RestoreTaskId: 'rtdemoexisting01' },
		{ method, timeout: 10000 });
}

async function openApi(signatureAlgorithm, secret) {
	const config = new OpenApi.Config({
		accessKeyId: keyId, accessKeySecret: secret,
		endpoint: `127.0.0.1:${port}`, protocol: 'http',
	});
	if (signatureAlgorithm)
		config.signatureAlgorithm = signatureAlgorithm;
	const client = new OpenApi.default(config);
	const params = new OpenApi.Params({
		action: 'DescribeRestoreTaskList', version, protocol: 'HTTP', pathname: '/',
		method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
	});
	const request = new OpenApi.OpenApiRequest({ query: { RestoreTaskId: 'rtdemoexisting01' } });
	const r = await client.callApi(params, request, new Util.RuntimeOptions({}));
	return r.body;
}

async function check(name, call) {
	try {
		const body = await call(goodSecret);
		const items = body && body.Items && body.Items.RestoreTaskDetail;
		report(`${name} accepted`, body && body.Success === true && items && items.length === 1 &&
			items[0].RestoreTaskId === 'rtdemoexisting01', JSON.stringify(body).slice(0, 200));
	} catch (err) {
		report(`${name} accepted`, false, `${codeOf(err)} ${err.message}`.slice(0, 400));
	}
	try {
		await call('wrong-secret');
		report(`${name} wrong secret rejected`, false, 'the call succeeded');
	} catch (err) {
		report(`${name} wrong secret rejected`, codeOf(err) === 'SignatureDoesNotMatch', codeOf(err));
	}
}

(async () => {
	await check('pop-core V1 GET', (s) => popCore('GET', s));
	await check('pop-core V1 POST', (s) => popCore('POST', s));
	await check('openapi-client V3 ACS3-HMAC-SHA256', (s) => openApi(undefined, s));
	await check('openapi-client V2 RPC', (s) => openApi('v2', s));
	console.log(failures === 0 ? 'all interop checks passed' : `${failures} interop check(s) failed`);
	process.exit(failures === 0 ? 0 : 1);
})();
