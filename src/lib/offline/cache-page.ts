/**
 * Saves one page for offline use: its HTML, its SvelteKit data, and every built asset the HTML
 * names (scripts, styles, images). Used by the service worker for the home page and by
 * "Simpan untuk offline" for a course. Returns the bytes downloaded.
 */
const ASSET = /\/_app\/immutable\/[^"'\s)]+/g;

export async function cachePage(cache: Cache, path: string): Promise<number> {
	let bytes = 0;
	const page = await fetch(path, { credentials: 'same-origin' });
	if (!page.ok) throw new Error(`${path}: ${page.status}`);
	const html = await page.clone().text();
	bytes += html.length;
	await cache.put(path, page);

	const dataPath = `${path === '/' ? '' : path}/__data.json`;
	const data = await fetch(dataPath, { credentials: 'same-origin' });
	if (data.ok) {
		bytes += (await data.clone().arrayBuffer()).byteLength;
		await cache.put(dataPath, data);
	}

	for (const asset of new Set(html.match(ASSET) ?? [])) {
		if (await cache.match(asset)) continue;
		const response = await fetch(asset);
		if (!response.ok) continue;
		bytes += Number(response.headers.get('content-length')) || 0;
		await cache.put(asset, response);
	}
	return bytes;
}
