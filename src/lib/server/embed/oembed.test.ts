import { describe, expect, it } from 'vitest';
import { oembed, toXml } from './oembed';

const BASE = 'https://belajar.example';
const ask = (query: Record<string, string>) => oembed(new URLSearchParams(query), BASE);

describe('oembed', () => {
	it('answers for a course with a rich embed WordPress keeps: a link and an iframe of /embed', () => {
		const answer = ask({ url: `${BASE}/courses/manajemen-usaha` });
		expect(answer).toMatchObject({
			status: 200,
			format: 'json',
			body: {
				version: '1.0',
				type: 'rich',
				provider_name: 'Naik Kelas',
				provider_url: BASE,
				title: 'Manajemen Usaha',
				width: 600,
				height: 800,
				thumbnail_url: `${BASE}/icons/icon-512.png`
			}
		});
		const html = 'body' in answer ? String(answer.body.html) : '';
		expect(html).toContain(
			`<blockquote class="wp-embedded-content"><a href="${BASE}/courses/manajemen-usaha">Manajemen Usaha</a></blockquote>`
		);
		expect(html).toContain(
			`<iframe class="wp-embedded-content" src="${BASE}/embed/courses/manajemen-usaha"`
		);
	});

	it('answers for a lesson, in XML too, within maxwidth and maxheight', () => {
		const answer = ask({
			url: `${BASE}/courses/manajemen-usaha/pembukuan-harian`,
			format: 'xml',
			maxwidth: '400',
			maxheight: '300'
		});
		if (!('body' in answer)) throw new Error('no answer');
		expect(answer.format).toBe('xml');
		expect(answer.body).toMatchObject({ width: 400, height: 300 });
		expect(answer.body.html).toContain(
			'src="https://belajar.example/embed/courses/manajemen-usaha/pembukuan-harian"'
		);
		const xml = toXml(answer.body);
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8" standalone="yes"\?><oembed>/);
		expect(xml).toContain('<type>rich</type>');
		expect(xml).toContain('<width>400</width>');
		// The HTML is escaped inside the XML, never raw markup.
		expect(xml).toContain('&#60;iframe');
	});

	it('refuses unknown and foreign addresses, other formats and absurd sizes with a 4xx', () => {
		expect(ask({ url: `${BASE}/courses/tidak-ada` })).toMatchObject({ status: 404 });
		expect(ask({ url: `${BASE}/courses/manajemen-usaha/tidak-ada` })).toMatchObject({
			status: 404
		});
		expect(ask({ url: `${BASE}/account` })).toMatchObject({ status: 404 });
		expect(ask({ url: 'https://evil.example/courses/manajemen-usaha' })).toMatchObject({
			status: 404
		});
		expect(ask({ url: 'not a url' })).toMatchObject({ status: 404 });
		expect(ask({})).toMatchObject({ status: 400 });
		// oEmbed §2.3.4: an unsupported format is 501 Not Implemented.
		expect(ask({ url: `${BASE}/courses/manajemen-usaha`, format: 'yaml' })).toMatchObject({
			status: 501
		});
		for (const maxwidth of ['-5', '0', '1e9', 'lebar', '9999999999'])
			expect(ask({ url: `${BASE}/courses/manajemen-usaha`, maxwidth })).toMatchObject({
				status: 400
			});
	});

	it('answers for a lesson in JSON and a course in XML, never larger than asked', () => {
		const lesson = ask({ url: `${BASE}/courses/manajemen-usaha/pembukuan-harian` });
		if (!('body' in lesson)) throw new Error('no answer');
		expect(lesson.format).toBe('json');
		expect(lesson.body.title).toBe('Pembukuan harian dengan buku kas · Manajemen Usaha');
		// WordPress caps the frame at 1000 px: a long lesson must scroll inside it.
		expect(lesson.body.html).not.toContain('scrolling');

		const course = ask({ url: `${BASE}/courses/manajemen-usaha`, format: 'xml', maxwidth: '2000' });
		if (!('body' in course)) throw new Error('no answer');
		// A wider page gets no wider frame than our default; a smaller limit is kept exactly.
		expect(course.body).toMatchObject({ width: 600, height: 800 });
		const xml = toXml(course.body);
		expect(xml).toContain('<title>Manajemen Usaha</title>');
		expect(xml).toContain('<provider_name>Naik Kelas</provider_name>');
		expect(xml).toContain(`<thumbnail_url>${BASE}/icons/icon-512.png</thumbnail_url>`);
	});

	it('answers a small maxheight with a smaller frame and thumbnail, not a 400', () => {
		const small = ask({ url: `${BASE}/courses/manajemen-usaha`, maxheight: '150' });
		if (!('body' in small)) throw new Error('no answer');
		expect(small.body).toMatchObject({ height: 150, width: 600 });
		expect(small.body.html).toContain('height="150"');
		// no icon fits in 150 px: no thumbnail rather than one too large
		expect(small.body).not.toHaveProperty('thumbnail_url');
		expect(small.body).not.toHaveProperty('thumbnail_width');
	});

	it('keeps the thumbnail within maxwidth and maxheight', () => {
		const thumb = (query: Record<string, string>) => {
			const a = ask({ url: `${BASE}/courses/manajemen-usaha`, ...query });
			if (!('body' in a)) throw new Error('no answer');
			return [a.body.thumbnail_url, a.body.thumbnail_width, a.body.thumbnail_height];
		};
		expect(thumb({})).toEqual([`${BASE}/icons/icon-512.png`, 512, 512]);
		expect(thumb({ maxwidth: '400' })).toEqual([`${BASE}/icons/icon-192.png`, 192, 192]);
		expect(thumb({ maxheight: '300' })).toEqual([`${BASE}/icons/icon-192.png`, 192, 192]);
		expect(thumb({ maxwidth: '700', maxheight: '512' })).toEqual([
			`${BASE}/icons/icon-512.png`,
			512,
			512
		]);
		expect(thumb({ maxwidth: '191' })).toEqual([undefined, undefined, undefined]);
	});

	it('refuses a nonsensical maxheight and an overlong url with a 400', () => {
		for (const maxheight of ['-1', '0', '1.5', ' 300', 'tinggi'])
			expect(ask({ url: `${BASE}/courses/manajemen-usaha`, maxheight })).toMatchObject({
				status: 400
			});
		expect(ask({ url: `${BASE}/courses/${'a'.repeat(2100)}` })).toMatchObject({ status: 400 });
	});
});
