// A forward HTTP proxy for the browser that counts every byte servers send, as sent (compressed,
// with headers). Whatever the browser fetches over the network, for the page, a preload or its
// service worker, goes through here; what a cache answers does not. (HTTPS is tunnelled and
// counted as kind 'tls'.)
import { Agent, createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

const BROWSER_SERVICES = /(^|\.)(google|googleapis|gstatic|gvt1)\.com$/;

/** The kind of a response, from its content type (or, for a 304, from the request). */
export function kindOf(contentType, path, accept) {
	const t = (contentType ?? '').toLowerCase();
	if (t.includes('text/html')) return 'html';
	if (t.includes('javascript')) return 'js';
	if (t.includes('text/css')) return 'css';
	if (t.startsWith('image/')) return 'img';
	if (t.startsWith('font/') || t.includes('woff')) return 'font';
	if (t.includes('json') && !t.includes('manifest')) return 'data';
	if (t) return 'other';
	if (/\.m?js$/.test(path)) return 'js';
	if (path.endsWith('.css')) return 'css';
	if (/\.(png|svg|jpe?g|webp|avif|ico)$/.test(path)) return 'img';
	if (/\.(woff2?|ttf|otf)$/.test(path)) return 'font';
	if (path.endsWith('.json')) return 'data';
	if ((accept ?? '').includes('text/html')) return 'html';
	return 'other';
}

/**
 * Give the browser context `{ proxy: { server: proxy.url } }` (Playwright then proxies
 * loopback addresses too).
 * @param {number} port where the proxy listens (127.0.0.1)
 */
export async function startWireProxy(port) {
	const agent = new Agent({ keepAlive: true });
	/** @type {{ method: string, url: string, status: number, kind: string, bytes: number, headerBytes: number, encoding: string | null, cacheControl: string | null }[]} */
	let log = [];

	const server = createServer((req, res) => {
		let target;
		try {
			target = new URL(req.url ?? '');
		} catch {
			res.writeHead(400);
			return res.end('forward proxy: absolute URLs only');
		}
		const headers = { ...req.headers };
		delete headers['proxy-connection'];
		const out = httpRequest(
			{
				host: target.hostname,
				port: target.port || 80,
				method: req.method,
				path: target.pathname + target.search,
				headers,
				agent
			},
			(up) => {
				const status = up.statusCode ?? 502;
				let bytes = `HTTP/1.1 ${status} ${up.statusMessage ?? ''}\r\n\r\n`.length;
				for (let i = 0; i < up.rawHeaders.length; i += 2)
					bytes += up.rawHeaders[i].length + 2 + up.rawHeaders[i + 1].length + 2;
				const entry = {
					method: req.method ?? 'GET',
					url: target.href,
					status,
					kind: kindOf(up.headers['content-type'], target.pathname, req.headers.accept),
					bytes,
					headerBytes: bytes,
					encoding: /** @type {string | null} */ (up.headers['content-encoding'] ?? null),
					cacheControl: /** @type {string | null} */ (up.headers['cache-control'] ?? null)
				};
				log.push(entry);
				res.writeHead(status, up.statusMessage, up.rawHeaders);
				up.on('data', (chunk) => (entry.bytes += chunk.length));
				up.pipe(res);
			}
		);
		out.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(out);
	});
	server.on('connect', (req, socket, head) => {
		const [host, port] = (req.url ?? '').split(':');
		// Chromium's own services (autofill on pages with forms): not the page's traffic, and
		// unreachable here anyway.
		if (BROWSER_SERVICES.test(host)) return socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
		const entry = {
			method: 'CONNECT',
			url: `https://${req.url}`,
			status: 200,
			kind: 'tls',
			bytes: 0,
			headerBytes: 0,
			encoding: null,
			cacheControl: null
		};
		log.push(entry);
		const out = connect(Number(port) || 443, host, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			out.write(head);
			out.on('data', (chunk) => (entry.bytes += chunk.length));
			out.pipe(socket);
			socket.pipe(out);
		});
		out.on('error', () => socket.destroy());
		socket.on('error', () => out.destroy());
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		/** The responses since the last call. */
		take() {
			const taken = log;
			log = [];
			return taken;
		},
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
			agent.destroy();
		}
	};
}
