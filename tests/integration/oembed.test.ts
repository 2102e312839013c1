import { describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/oembed/+server';

const SITE = 'http://localhost:5173';

/** The endpoint as WordPress calls it: GET /oembed?url=…&format=…&maxwidth=… */
async function get(query: Record<string, string>) {
	const url = new URL(`${SITE}/oembed?${new URLSearchParams(query)}`);
	return (GET as unknown as (event: { url: URL }) => Promise<Response> | Response)({ url });
}

describe('GET /oembed', () => {
	it('answers JSON and XML for our lesson with the right content types', async () => {
		const lesson = `${SITE}/courses/manajemen-usaha/pembukuan-harian`;
		const json = await get({ url: lesson, maxwidth: '500' });
		expect(json.status).toBe(200);
		expect(json.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await json.json()).toMatchObject({ type: 'rich', width: 500, height: 800 });

		const xml = await get({ url: lesson, format: 'xml' });
		expect(xml.status).toBe(200);
		expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
		expect(await xml.text()).toContain('<type>rich</type>');
	});

	it('gives a clear 4xx (501 for an unsupported format), never a 500, for bad or foreign input', async () => {
		const cases: [Record<string, string>, number][] = [
			[{ url: 'https://evil.example/courses/manajemen-usaha' }, 404],
			[{ url: `${SITE}/courses/tidak-ada` }, 404],
			[{ url: '%%%' }, 404],
			[{}, 400],
			[{ url: `${SITE}/courses/manajemen-usaha`, format: 'html' }, 501],
			[{ url: `${SITE}/courses/manajemen-usaha`, maxwidth: '10000000000' }, 400],
			[{ url: `${SITE}/courses/manajemen-usaha`, maxheight: 'tinggi' }, 400]
		];
		for (const [query, status] of cases) {
			const response = await get(query);
			expect(response.status, JSON.stringify(query)).toBe(status);
			expect((await response.json()).error).toEqual(expect.any(String));
		}
	});
});
