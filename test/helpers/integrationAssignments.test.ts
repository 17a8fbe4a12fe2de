import { applyAssignmentChange } from '../../nodes/Diga/helpers/integrationAssignments';

const A = 'a0000000-0000-4000-8000-00000000000a';
const B = 'b0000000-0000-4000-8000-00000000000b';
const [t1, t2, t3] = ['10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003'];

describe('applyAssignmentChange: Diga replaces the whole list, so the list written is the one read with only the change applied', () => {
	const current = [
		{ integrationId: A, toolIds: [t1] },
		{ integrationId: B, toolIds: [] },
	];

	test('adding a tool keeps every other assignment, in order', () => {
		expect(applyAssignmentChange(current, { add: [{ integrationId: A.toUpperCase(), toolIds: [t2, t1.toUpperCase()] }] })).toEqual([
			{ integrationId: A, toolIds: [t1, t2] },
			{ integrationId: B, toolIds: [] },
		]);
	});

	test('a new integration goes after the others', () => {
		const C = 'c0000000-0000-4000-8000-00000000000c';
		expect(applyAssignmentChange(current, { add: [{ integrationId: C, toolIds: [t3] }] })).toEqual([...current, { integrationId: C, toolIds: [t3] }]);
	});

	test('removing the last tool of an integration drops its entry; an entry someone else left empty stays', () => {
		expect(applyAssignmentChange(current, { remove: [{ integrationId: A, toolIds: [t1] }] })).toEqual([{ integrationId: B, toolIds: [] }]);
	});

	test('removing with no tool ids removes the whole integration; removing what is not there changes nothing', () => {
		expect(applyAssignmentChange([{ integrationId: A, toolIds: [t1, t2] }], { remove: [{ integrationId: A, toolIds: [] }] })).toEqual([]);
		expect(applyAssignmentChange(current, { remove: [{ integrationId: A, toolIds: [t3] }, { integrationId: 'c0000000-0000-4000-8000-00000000000c', toolIds: [] }] })).toEqual(current);
	});
});
