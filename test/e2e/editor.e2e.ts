/**
 * Real n8n, started as a server: the credential's Test button, the webhook example, and the
 * editor driven in Debian's Chromium (the pickers list what the Diga server has, and a picked
 * phone and version are what the node then sends). Screenshots go to artifacts/e2e/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { specSummary, violationReport } from '../../dev/diga-server/specCheck';
import { IDS, VOICE_IDS } from '../../dev/diga-server/fixtures';
import { credentials, e2eWorkflows, EXAMPLE_IDS, exampleWorkflows, pack, ROOT } from './fixtures';
import { EDITOR_TARGETS, N8n } from '../../dev/n8n/n8n';
// Not Diga.node.ts: under tsx, `Diga.node` resolves to the codex file Diga.node.json.
import { resources } from '../../nodes/Diga/actions';

const server = new DigaTestServer();
/** A web server that is not Diga (a wrong Base URL): an HTML page for every path, as nginx's default site. */
const notDiga = { baseUrl: '', requests: [] as string[], server: createServer((req, res) => {
	notDiga.requests.push(`${req.method} ${req.url}`);
	res.writeHead(200, { 'content-type': 'text/html' });
	res.end('<html><body><h1>Welcome to nginx!</h1></body></html>');
}) };
let tarball = '';
let browser: Browser | undefined;
/** Chromium starts with the first editor test, so the REST-only tests run without it. */
async function launchBrowser(): Promise<Browser> {
	browser ??= await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	return browser;
}

before(async () => {
	await server.start();
	await new Promise<void>((resolve) => notDiga.server.listen(0, '127.0.0.1', resolve));
	notDiga.baseUrl = `http://127.0.0.1:${(notDiga.server.address() as AddressInfo).port}`;
	tarball = pack();
	selectors.setTestIdAttribute('data-test-id');
});
after(async () => {
	await browser?.close();
	await server.stop();
	await new Promise((resolve) => notDiga.server.close(resolve));
	// Every request n8n sent, and every answer it got, judged by Diga's OpenAPI spec.
	const violations = server.spec.takeViolations();
	console.log(specSummary(server.spec.counts));
	assert.equal(violationReport(violations), undefined);
});

for (const target of EDITOR_TARGETS) {
	describe(`${target.label}, as a server`, () => {
		const n8n = new N8n(target);
		const shots = join(ROOT, 'artifacts', 'e2e', target.version);
		let base = '';
		let cookie = '';
		const rest = async (path: string, body: unknown) => {
			const response = await fetch(`${base}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify(body),
			});
			return { status: response.status, json: (await response.json()) as { data: Record<string, unknown> } };
		};

		/** A logged-in editor page for `steps`; a screenshot named `failureShot` if they fail. */
		const inEditor = async (failureShot: string, steps: (page: Page) => Promise<void>) => {
			const context = await (await launchBrowser()).newContext({ viewport: { width: 1440, height: 900 } });
			const [name, ...value] = cookie.split('=');
			await context.addCookies([{ name, value: value.join('='), url: base }]);
			const page = await context.newPage();
			try {
				await steps(page);
			} catch (error) {
				await page.screenshot({ path: join(shots, failureShot) }).catch(() => undefined);
				throw error;
			} finally {
				await context.close();
			}
		};

		const callWebhook = async (body: object) => {
			const response = await fetch(`${base}/webhook/diga-reassign-line`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: response.status, json: (await response.json()) as Record<string, unknown> };
		};

		before(async () => {
			mkdirSync(shots, { recursive: true });
			await n8n.installPackage(tarball);
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows([...exampleWorkflows(), ...e2eWorkflows()]);
			await n8n.activate(EXAMPLE_IDS['webhook-reassign-line.json']);
			base = await n8n.start();
			cookie = await n8n.ownerSession(base);
		});
		after(async () => await n8n.stop());

		test('credential Test: good key, wrong key, a server that is not Diga, an unreachable host, a redirect', async () => {
			server.reset();
			const testCredential = async (apiKey: string, baseUrl: string) => {
				const body = { credentials: { id: 'diga-credential', name: 'Diga account', type: 'digaApi', data: { apiKey, baseUrl } } };
				const { json } = await rest('/rest/credentials/test', body);
				console.log(`[e2e] ${target.version} credential Test ${apiKey === TEST_API_KEY ? 'key' : 'wrong key'} at ${baseUrl}: ${JSON.stringify(json.data)}`);
				assert.doesNotMatch(JSON.stringify(json), new RegExp(TEST_API_KEY));
				return json.data;
			};
			// n8n 1.x drops the HTTP error under n8n's own error (its ExecutionBaseError re-declares
			// `cause`), so its tester never sees the status: the credential's status rules apply only
			// from 2.x, and 1.123 shows n8n's generic words. Body rules and redirects behave the same.
			const v1 = target.version.startsWith('1.');
			const expected = {
				wrongKey: v1 ? 'Authorization failed - please check your credentials' : 'Diga did not accept the API key (HTTP 401). Copy the key again from Diga (Settings → API keys).',
				notDiga: "The Base URL answered, but not with Diga's phone list. Check the Base URL: leave https://api.diga.io unless you use a Diga-compatible server.",
				unreachable: v1 ? 'The service refused the connection - perhaps it is offline' : 'ECONNREFUSED',
				redirect: v1
					? 'Request failed with status code 302'
					: 'The Base URL redirects elsewhere (HTTP 302); the Test does not follow redirects, so the key stays at the Base URL. Enter the final address as Base URL.',
			};

			assert.deepEqual(await testCredential(TEST_API_KEY, server.baseUrl), { status: 'OK', message: 'Connection successful!' });
			assert.deepEqual(server.requests.map((r) => [r.path, r.query, r.headers.authorization]), [['/v1/phone/', { limit: '1' }, `Bearer ${TEST_API_KEY}`]]);
			server.reset();
			const withUserInfoAndQuery = `${server.baseUrl.replace('http://', 'http://admin:s3cret@')}/v1/?region=eu`;
			assert.deepEqual(await testCredential(TEST_API_KEY, withUserInfoAndQuery), { status: 'OK', message: 'Connection successful!' });
			assert.deepEqual(server.requests.map((r) => [r.path, r.query, r.headers.authorization]), [['/v1/phone/', { limit: '1' }, `Bearer ${TEST_API_KEY}`]]);
			assert.deepEqual(await testCredential('diga_wrong_key_000', server.baseUrl), { status: 'Error', message: expected.wrongKey });
			assert.deepEqual(await testCredential(TEST_API_KEY, notDiga.baseUrl), { status: 'Error', message: expected.notDiga });
			assert.deepEqual(await testCredential(TEST_API_KEY, 'http://127.0.0.1:9'), { status: 'Error', message: expected.unreachable });

			notDiga.requests.length = 0;
			server.fault({ path: /^\/v1\/phone\/$/, status: 302, headers: { location: `${notDiga.baseUrl}/v1/phone/` } });
			assert.deepEqual(await testCredential(TEST_API_KEY, server.baseUrl), { status: 'Error', message: expected.redirect });
			assert.deepEqual(notDiga.requests, [], 'the other origin got no request, so never the key');
		});

		test('example: the CRM webhook reassigns a line and answers with the phone', async () => {
			server.reset();
			const { status, json: phone } = await callWebhook({ phone_number: '+34 911 234 568', inbound_version_id: IDS.supportV1, nickname: 'Key accounts' });
			assert.equal(status, 200);
			assert.equal(phone.id, IDS.salesPhone);
			assert.equal(phone.nickname, 'Key accounts');
			assert.equal(phone.inbound_agent_id, IDS.supportAgent);
			assert.deepEqual(server.requestsTo('PATCH').map((r) => [r.path, r.body]), [
				[`/v1/phone/${IDS.salesPhone}`, { nickname: 'Key accounts', inbound_version_id: IDS.supportV1 }],
			]);
		});

		test('example: the webhook answers an unknown number with the error', async () => {
			server.reset();
			const { json: body } = await callWebhook({ phone_number: '+34999999999', inbound_version_id: IDS.supportV1, nickname: 'x' });
			assert.equal(body.error, 'No phone with the number +34999999999 in this Diga account');
			assert.equal(server.requestsTo('PATCH').length, 0);
		});

		test('editor: Agent → Update, pick an agent and a voice (searched by Diga) from the lists, then run the step', async () => {
			server.reset();
			await inEditor('failure-agent.png', async (page) => {
				const items = () => page.getByTestId('rlc-item').filter({ visible: true });
				await page.goto(`${base}/workflow/e2eEditorAgent01`);
				await page.getByTestId('canvas-node').filter({ hasText: 'Diga' }).dblclick();
				const agent = page.getByTestId('resource-locator-agentId');
				await agent.getByTestId('rlc-input').click();
				await items().first().waitFor();
				assert.deepEqual(await items().allInnerTexts(), ['After-hours bot', 'Support bot', 'Sales bot']);
				await items().filter({ hasText: 'Sales bot' }).click();
				assert.equal(await agent.getByTestId('rlc-input').inputValue(), 'Sales bot');

				const voice = page.getByTestId('resource-locator-voiceId');
				await voice.getByTestId('rlc-input').click();
				await items().first().waitFor();
				assert.deepEqual(await items().allInnerTexts(), ['Aoede (gemini)', 'Mateo (male, elevenlabs)', 'Lucía (female, elevenlabs)']);
				await page.keyboard.type('mat');
				await page.waitForTimeout(1000); // n8n debounces the search before it asks the node
				await items().filter({ hasText: 'Mateo' }).click();
				assert.ok(server.requestsTo('GET', '/v1/voice/').some((r) => r.query.search === 'mat'), 'the picker asked Diga to search');
				assert.equal(await voice.getByTestId('rlc-input').inputValue(), 'Mateo (male, elevenlabs)');
				await page.screenshot({ path: join(shots, '5-voice-picked.png') });

				await page.getByTestId('node-execute-button').click();
				await page.getByText(VOICE_IDS.mateo).first().waitFor({ timeout: 30_000 });
				assert.deepEqual(server.requestsTo('PATCH').map((r) => [r.path, r.body]), [[`/v1/agent/${IDS.salesAgent}`, { voice_id: VOICE_IDS.mateo }]]);
			});
		});

		test('editor: pick a phone and an agent version from the lists, then run the step', async () => {
			server.reset();
			await inEditor('failure.png', async (page) => {
				await page.goto(`${base}/workflow/e2eEditorCheck01`);
				await page.getByTestId('canvas-node').filter({ hasText: 'Diga' }).dblclick();
				const phone = page.getByTestId('resource-locator-phoneId');
				await phone.waitFor();

				// The workflow has the phone "By ID"; switch it to "From list".
				await phone.getByTestId('rlc-mode-selector').click();
				await page.getByTestId('mode-list').filter({ visible: true }).click();
				await phone.getByTestId('rlc-input').click();
				// Closed dropdowns stay in the DOM, hidden: look at the open one only.
				const items = () => page.getByTestId('rlc-item').filter({ visible: true });
				await items().first().waitFor();
				await page.screenshot({ path: join(shots, '1-phone-list.png') });
				assert.deepEqual(await items().allInnerTexts(), [
					'+34600111222 — Outbound campaigns',
					'+34955000111',
					'+34931112233 — Support line',
					'+34911234568 — Sales line',
					'+34911234567 — Reception',
				]);
				await page.keyboard.type('support');
				await items().filter({ hasText: 'Support line' }).click();
				await page.screenshot({ path: join(shots, '2-phone-picked.png') });
				assert.equal(await phone.getByTestId('rlc-input').inputValue(), '+34931112233 — Support line');

				const version = page.getByTestId('resource-locator-inboundVersionId');
				await version.getByTestId('rlc-input').click();
				await items().filter({ hasText: 'Sales bot' }).first().waitFor();
				const versions = await items().allInnerTexts();
				assert.ok(versions.includes('After-hours bot — v1 (published)'), versions.join(', '));
				assert.equal(versions.length, 6);
				await page.waitForTimeout(400); // let the dropdown finish fading in for the screenshot
				await page.screenshot({ path: join(shots, '3-version-list.png') });
				await items().filter({ hasText: 'After-hours bot' }).click();
				assert.equal(await version.getByTestId('rlc-input').inputValue(), 'After-hours bot — v1 (published)');

				await page.getByTestId('node-execute-button').click();
				await page.getByText(IDS.nightAgent).first().waitFor({ timeout: 30_000 });
				await page.screenshot({ path: join(shots, '4-step-output.png') });
				assert.deepEqual(server.requestsTo('PATCH').map((r) => [r.path, r.body]), [
					[`/v1/phone/${IDS.supportPhone}`, { inbound_version_id: IDS.nightV1 }],
				]);
			});
		});

		test('node panel: searching "Diga" shows what the action node does, and its actions as short sentences', async () => {
			const description = 'Manage the phone numbers, AI voice agents and calls of your Diga account';
			// What n8n lists, resource by resource: each Operation menu's actions, in the menu's order.
			const expectedActions = resources.flatMap((resource) =>
				(resource.description[0].options as Array<{ action: string }>).map((option) => option.action),
			);
			await inEditor('failure-node-panel.png', async (page) => {
				// A workflow no other editor test opens: n8n 2.40 locks one open in another tab for a while.
				await page.goto(`${base}/workflow/${EXAMPLE_IDS['nightly-after-hours-agent.json']}`);
				await page.getByTestId('canvas-node').first().waitFor();
				await page.getByTestId('node-creator-plus-button').click();
				await page.getByTestId('node-creator-search-bar').fill('Diga');
				const entry = page.getByTestId('item-iterator-item').filter({ hasText: 'Diga' }).first();
				await entry.waitFor();
				await page.screenshot({ path: join(shots, '5-node-panel-search.png') });
				// n8n lists a trigger without " Trigger": the polling Diga Trigger sits under "Diga" (with the
				// actions), the Instant Trigger has an entry of its own, "Diga Instant".
				await page.getByTestId('item-iterator-item').filter({ hasText: 'Diga Instant' }).first().waitFor();
				const results = await page.getByTestId('item-iterator-item').filter({ visible: true }).allTextContents();
				console.log(`[instant-trigger] ${target.version} node panel, search "Diga": ${JSON.stringify(results.filter((text) => text.includes('Diga')))}`);
				// n8n 2.x shows the description under the name in the results; 1.x on the entry's page.
				if (!target.version.startsWith('1.')) assert.equal(await entry.textContent(), `Diga${description}`);
				await entry.click();
				if (target.version.startsWith('1.')) await page.getByTestId('node-creator').getByText(description).waitFor();
				const listed = page.getByTestId('item-iterator-item').filter({ visible: true });
				await listed.filter({ hasText: expectedActions[0] }).first().waitFor();
				await page.screenshot({ path: join(shots, '6-node-panel-actions.png') });
				// The search results ("Diga", "QuickChart", …) fade out while the actions fade in: read the
				// list once only the actions are left, or after 10 s (then the assertion shows what was there).
				const readActions = async () =>
					(await listed.allTextContents()).filter((text) => !text.endsWith(' Actions'));
				let actions = await readActions();
				for (const deadline = Date.now() + 10_000; actions.length !== expectedActions.length && Date.now() < deadline; ) {
					await page.waitForTimeout(200);
					actions = await readActions();
				}
				assert.deepEqual(actions, expectedActions);
				for (const action of actions) assert.ok(action.length <= 60, action);
				assert.doesNotMatch((await page.getByTestId('node-creator').textContent()) ?? '', /Starts the workflow/);
			});
		});
	});
}
