import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login } from './helpers';

const LESSON = '/courses/manajemen-usaha/menghitung-hpp';

/**
 * A speech engine the test can watch: the voices given, every utterance recorded with its text,
 * language and rate, and `end` fired when the test says the sentence is finished (as a real
 * engine does when it has said it). Cancel ends nothing: a cancelled sentence is simply dropped.
 */
function fakeSpeech(page: Page, voices: { lang: string; name: string }[]) {
	return page.addInitScript((voices) => {
		type Spoken = { text: string; lang: string; rate: number; voice: string | null };
		const spoken: Spoken[] = [];
		let current: SpeechSynthesisUtterance | null = null;
		const listeners = new Set<() => void>();
		const fake = {
			getVoices: () =>
				voices.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name })),
			speak(u: SpeechSynthesisUtterance) {
				current = u;
				spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
			},
			cancel: () => (current = null),
			pause() {},
			resume() {},
			addEventListener: (_: string, f: () => void) => listeners.add(f),
			removeEventListener: (_: string, f: () => void) => listeners.delete(f),
			get speaking() {
				return !!current;
			}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
		// The real utterance accepts only the engine's own voice objects.
		class FakeUtterance {
			lang = '';
			rate = 1;
			voice: { name: string } | null = null;
			onend: ((e: Event) => void) | null = null;
			onerror: ((e: Event) => void) | null = null;
			constructor(public text: string) {}
		}
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: FakeUtterance,
			configurable: true
		});
		Object.assign(window, {
			__spoken: spoken,
			/** The engine has finished saying the current sentence. */
			__finish() {
				const u = current;
				current = null;
				u?.onend?.(new Event('end') as SpeechSynthesisEvent);
			}
		});
	}, voices);
}

const spoken = (page: Page) =>
	page.evaluate(
		() =>
			(
				window as unknown as {
					__spoken: { text: string; lang: string; rate: number; voice: string | null }[];
				}
			).__spoken
	);
const finish = (page: Page) =>
	page.evaluate(() => (window as unknown as { __finish(): void }).__finish());
/** The sentence the page has marked as being read (CSS Custom Highlight). */
const highlighted = (page: Page) =>
	page.evaluate(() => {
		const h = CSS.highlights.get('listen-sentence');
		return h ? [...h].map((r) => r.toString()).join('') : null;
	});

test('a lesson is read aloud in Indonesian, sentence by sentence, with pause, back and a remembered speed', async ({
	page
}) => {
	await fakeSpeech(page, [
		{ lang: 'en-US', name: 'English' },
		{ lang: 'id-ID', name: 'Bahasa Indonesia' }
	]);
	await page.goto(LESSON);
	const listen = page.getByRole('button', { name: 'Dengarkan' });
	await expect(listen).toBeVisible();
	const box = (await listen.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(48);
	// Nothing is said until the learner asks: a screen reader may be talking.
	expect(await spoken(page)).toEqual([]);

	// Keyboard: the button is reachable and works with Enter.
	await listen.focus();
	await page.keyboard.press('Enter');
	const pause = page.getByRole('button', { name: 'Jeda' });
	await expect(pause).toBeFocused();
	await expect.poll(() => spoken(page)).toHaveLength(1);
	const [title] = await spoken(page);
	expect(title).toMatchObject({ lang: 'id-ID', voice: 'Bahasa Indonesia', rate: 1 });
	expect(title.text).toBe('Menghitung harga pokok produksi (ha pe pe)');
	expect(await highlighted(page)).toBe('Menghitung harga pokok produksi (HPP)');

	// The engine finishes a sentence: the next one is said and marked.
	await finish(page);
	await expect
		.poll(async () => (await spoken(page)).at(-1)?.text)
		.toBe('Bu Yati membuat keripik tempe di Kapas.');
	await expect.poll(() => highlighted(page)).toBe('Bu Yati membuat keripik tempe di Kapas.');
	// Rupiah as a person says it.
	await finish(page);
	await expect
		.poll(async () => (await spoken(page)).at(-1)?.text)
		.toBe('Ia menjual keripiknya enam ribu rupiah per bungkus.');
	await expect.poll(() => highlighted(page)).toBe('Ia menjual keripiknya Rp6.000 per bungkus.');
	await expect(page.getByText('Kalimat 3 dari')).toBeVisible();

	// Pause: nothing more is said; resume says the same sentence again.
	await pause.click();
	const resume = page.getByRole('button', { name: 'Lanjutkan' });
	await expect(resume).toBeVisible();
	const count = (await spoken(page)).length;
	await finish(page);
	expect(await spoken(page)).toHaveLength(count);
	await resume.click();
	await expect
		.poll(async () => (await spoken(page)).at(-1)?.text)
		.toBe('Ia menjual keripiknya enam ribu rupiah per bungkus.');

	// Back one sentence.
	await page.getByRole('button', { name: 'Kalimat sebelumnya' }).click();
	await expect
		.poll(async () => (await spoken(page)).at(-1)?.text)
		.toBe('Bu Yati membuat keripik tempe di Kapas.');
	await expect(page.getByText('Kalimat 2 dari')).toBeVisible();

	// Speed: the sentence is said again faster, and the choice survives a reload.
	await page.getByLabel('Kecepatan').selectOption('1.25');
	await expect.poll(async () => (await spoken(page)).at(-1)?.rate).toBe(1.25);
	await expectNoAxeViolations(page);

	await page.reload();
	await page.getByRole('button', { name: 'Dengarkan' }).click();
	await expect(page.getByLabel('Kecepatan')).toHaveValue('1.25');
	await expect.poll(async () => (await spoken(page)).at(-1)?.rate).toBe(1.25);

	// Another page: the reading stops.
	await page.getByRole('link', { name: /^Berikutnya:/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/harga jual/i);
	expect(await page.evaluate(() => window.speechSynthesis.speaking)).toBe(false);
	await expect(page.getByRole('button', { name: 'Dengarkan' })).toBeVisible();
});

test('tables, pictures and practice questions are read in order', async ({ page }) => {
	await fakeSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
	await page.goto(LESSON);
	await page.getByRole('button', { name: 'Dengarkan' }).click();
	await expect.poll(() => spoken(page)).toHaveLength(1);
	// Read on to the end, as the engine would.
	for (let i = 0; i < 200; i++) {
		if (!(await page.getByRole('button', { name: 'Jeda' }).isVisible())) break;
		await finish(page);
	}
	const texts = (await spoken(page)).map((s) => s.text);
	expect(texts).toContain('Tabel: Biaya, Jumlah.');
	expect(texts).toContain('Tempe, Jumlah tujuh puluh ribu rupiah.');
	expect(texts.some((t) => t.startsWith('Gambar: Diagram batang ha pe pe keripik tempe'))).toBe(
		true
	);
	const question = texts.indexOf(
		'Cek pemahaman. Manakah yang termasuk biaya overhead untuk keripik tempe?'
	);
	expect(question).toBeGreaterThan(0);
	expect(texts[question + 1]).toBe('Pilihan satu: Tempe.');
	expect(texts.join(' ')).not.toMatch(/\d|Rp/);
	await expect(page.getByRole('button', { name: 'Dengarkan' })).toBeVisible();
});

test('with no Indonesian voice the control says how to add one instead of reading in English', async ({
	page
}) => {
	await fakeSpeech(page, [{ lang: 'en-US', name: 'English' }]);
	await page.goto(LESSON);
	await page.getByRole('button', { name: 'Dengarkan' }).click();
	await expect(page.getByText('HP ini belum punya suara bahasa Indonesia')).toBeVisible();
	await expect(page.getByText(/Layanan Ucapan Google, lalu unduh Bahasa Indonesia/)).toBeVisible();
	expect(await spoken(page)).toEqual([]);
});

test('where the browser cannot speak, no button is shown', async ({ page }) => {
	await page.addInitScript(() =>
		Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true })
	);
	await page.goto(LESSON);
	await expect(page.getByRole('link', { name: /^Berikutnya:/ })).toBeVisible();
	await page.waitForFunction(() => document.querySelector('.practice button:not([disabled])'));
	await expect(page.getByRole('button', { name: 'Dengarkan' })).toHaveCount(0);
});

test('the projector view reads the section on screen for the room', async ({ page }) => {
	await fakeSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/trainer/present/manajemen-usaha/menghitung-hpp');
	await expect(page.getByText(/^1 \/ \d+$/)).toBeVisible();
	await page.getByRole('button', { name: 'Dengarkan' }).click();
	await expect.poll(() => spoken(page)).toHaveLength(1);
	expect((await spoken(page))[0].text).toBe('Menghitung harga pokok produksi (ha pe pe)');
	for (let i = 0; i < 100; i++) {
		if (!(await page.getByRole('button', { name: 'Jeda' }).isVisible())) break;
		await finish(page);
	}
	// Only the first section: nothing after the first heading of the second.
	const texts = (await spoken(page)).map((s) => s.text);
	expect(texts).not.toContain('Rumus ha pe pe');
	expect(texts.at(-1)).toMatch(/ha pe pe/);
});

test('on a course saved for offline use, Dengarkan works with no network', async ({ browser }) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await fakeSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
	await page.goto('/courses/manajemen-usaha');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.getByRole('button', { name: /^Simpan untuk offline/ }).click();
	await expect(page.getByText(/Tersimpan untuk offline \(\d+ KB\)/)).toBeVisible({
		timeout: 30_000
	});
	// The reader was never loaded online: offline, it can come only from the precache.
	await context.setOffline(true);
	await page.getByRole('link', { name: /Menghitung harga pokok produksi/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Menghitung harga pokok/);
	await page.getByRole('button', { name: 'Dengarkan' }).click();
	await expect(page.getByRole('button', { name: 'Jeda' })).toBeVisible();
	await expect
		.poll(async () => (await spoken(page)).at(0)?.text)
		.toBe('Menghitung harga pokok produksi (ha pe pe)');
	await context.close();
});
