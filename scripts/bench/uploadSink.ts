/**
 * A stand-in for Diga's upload endpoint in a child process, for the memory benches: it reads and
 * drops each request body and answers one added file (`FileUploadResponse`), so what the server
 * holds is not counted as the node's memory. Any path, any key.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function serve(): void {
	let count = 0;
	const server = createServer((req, res) => {
		let bytes = 0;
		req.on('data', (chunk: Buffer) => (bytes += chunk.length));
		req.on('end', () => {
			count++;
			const id = `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`;
			const item = { id, name: `file ${count}`, category: 'file', status: 'indexing', created_date: new Date().toISOString(), size_bytes: bytes, knowledge_base_id: null, url: 'https://storage.example/x' };
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ successful_items: [item], failed_items: [] }));
		});
	});
	server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}

/** Starts the sink in a child process; kill `child` when done. */
export async function startUploadSink(): Promise<{ child: ChildProcess; baseUrl: string }> {
	const child = fork(__filename, ['--serve'], { execArgv: ['--import', 'tsx'] });
	const port = await new Promise<number>((done) => child.once('message', (message) => done(Number(message))));
	return { child, baseUrl: `http://127.0.0.1:${port}` };
}

if (process.argv.includes('--serve')) serve();
