import { json } from '@sveltejs/kit';
import { client } from '$lib/server/db';

export async function GET() {
	try {
		await client.execute('SELECT 1');
		return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		// The cause goes to the log, never to the caller.
		console.error('health check: database did not answer');
		return json({ status: 'error' }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
}
