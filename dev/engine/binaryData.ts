import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/**
 * n8n's binary data in filesystem mode (`N8N_DEFAULT_BINARY_DATA_MODE=filesystem`), as a real
 * n8n keeps it: a node's `prepareBinaryData` writes the file to disk and the item carries only its
 * id. For the rest of the process (a jest test file is one).
 */
export async function storeBinaryDataOnDisk(directory = mkdtempSync(join(tmpdir(), 'n8n-diga-binary-'))): Promise<BinaryDataService> {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = directory;
	const service = Container.get(BinaryDataService);
	await service.init();
	return service;
}
