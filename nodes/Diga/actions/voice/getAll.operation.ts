import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { readLimit } from '../../helpers/input';
import { readList, VOICE_PAGE_SIZE } from '../../transport/paginate';
import type { DigaVoice } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List Diga’s voices, by name or gender, or only the account’s favourites',
	action: 'Get many voices',
} as const satisfies OperationOption;

/** The filters of `GET /v1/voice/` (`search`, `gender`), and the favourites list instead. */
const SEARCH = { name: 'search', api: 'search', label: 'Name Contains' } as const satisfies DigaField;
const GENDER = { name: 'gender', api: 'gender', label: 'Gender' } as const satisfies DigaField;
/** Not a query parameter: it chooses `/v1/voice/favourite`. */
const FAVOURITES = { name: 'favouritesOnly', label: 'Favourites Only' } as const;
const FIELDS: readonly DigaField[] = [SEARCH, GENDER];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: FAVOURITES.label,
			name: FAVOURITES.name,
			type: 'boolean',
			default: true,
			description: 'Whether to list only the voices marked as favourites for the account. Diga’s favourites list takes no filters: Name Contains and Gender are then applied by the node.',
		},
		{ displayName: GENDER.label, name: GENDER.name, type: 'string', default: '', placeholder: 'e.g. female', description: 'Only voices of this gender, as Diga writes it (e.g. female, male)' },
		{ displayName: SEARCH.label, name: SEARCH.name, type: 'string', default: '', placeholder: 'e.g. Lucía', description: 'Only voices whose name contains this text' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['getAll'] } }, properties);

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<DigaVoice[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const search = text(filters[SEARCH.name]);
	const gender = text(filters[GENDER.name]);
	if (filters[FAVOURITES.name] !== true) {
		return await readList<DigaVoice>(run.client, '/v1/voice/', { search, gender }, limit, { itemIndex, fields: FIELDS }, VOICE_PAGE_SIZE);
	}
	// The favourites list has no filters: all of it is read, then filtered and cut here.
	const favourites = await readList<DigaVoice>(run.client, '/v1/voice/favourite', {}, undefined, { itemIndex }, VOICE_PAGE_SIZE);
	const matching = favourites.filter(
		(voice) => (!search || String(voice.name).toLowerCase().includes(search.toLowerCase())) && (!gender || String(voice.gender ?? '').toLowerCase() === gender.toLowerCase()),
	);
	return limit === undefined ? matching : matching.slice(0, limit);
}
