import { describe, expect, it } from 'vitest';
import { offlinePage, titleFromPage } from './offline-page';

describe('offline page', () => {
	it('lists the saved courses by title, escaped', () => {
		const html = offlinePage([{ slug: 'kemasan-merek', title: 'Kemasan & <Merek>' }]);
		expect(html).toContain('<a href="/courses/kemasan-merek">Kemasan &#38; &#60;Merek&#62;</a>');
		expect(html).toContain('lang="id"');
	});
	it('says how to save a course when none is saved', () => {
		expect(offlinePage([])).toContain('Simpan untuk offline');
	});
	it('reads a course title from its saved page, the slug when it cannot', () => {
		expect(titleFromPage('<main><h1 class="x">Kemasan &amp; Merek</h1></main>', 'k')).toBe(
			'Kemasan & Merek'
		);
		expect(titleFromPage('<p>nothing</p>', 'pemasaran-digital')).toBe('pemasaran-digital');
	});
});
