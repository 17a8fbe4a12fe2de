import { headerParameters } from '../../dev/diga-server/multipart';

/**
 * The test server reads a part's Content-Disposition as python-multipart's `parse_options_header`
 * does (Starlette, so FastAPI, uses it; read from its source, python_multipart/multipart.py).
 */
describe('the test server’s multipart header parameters, as Python’s multipart parser reads them', () => {
	test.each([
		['form-data; name="file"; filename="a.pdf"', { name: 'file', filename: 'a.pdf' }],
		['form-data; name="file"; filename="Preise \\"2027\\".pdf"', { name: 'file', filename: 'Preise "2027".pdf' }],
		['form-data; name="file"; filename="back\\\\slash.pdf"', { name: 'file', filename: 'back\\slash.pdf' }],
		['form-data; name="file"; filename="a; b.pdf"', { name: 'file', filename: 'a; b.pdf' }],
		// What browsers send for a quote (WHATWG): not decoded.
		['form-data; name="file"; filename="a%22b.pdf"', { name: 'file', filename: 'a%22b.pdf' }],
		// RFC 5987's extended parameter is ignored (RFC 7578 §4.2 forbids it): the plain one stands.
		["form-data; name=\"file\"; filename=\"plain.pdf\"; filename*=UTF-8''other.pdf", { name: 'file', filename: 'plain.pdf' }],
		['form-data; NAME=field', { name: 'field' }],
	])('%s', (header, parameters) => {
		expect(headerParameters(header)).toEqual(parameters);
	});
});
