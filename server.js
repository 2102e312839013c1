// Serves the production build (`build/`, made by `vite build`) on PORT and HOST.
//
// Plain `node build` assumes HTTPS when ORIGIN is unset, so every form post over plain HTTP
// (a trainer's laptop at http://192.168.1.10:3000 in a village hall) would fail SvelteKit's
// CSRF check. Here the protocol comes from the connection itself, in a header of our own
// that a client cannot forge. Behind a TLS proxy set ORIGIN, or PROTOCOL_HEADER=x-forwarded-proto.
import { createServer } from 'node:http';
import compression from 'compression';

const OWN_HEADER = 'x-naik-kelas-protocol';
const fromConnection = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (fromConnection) process.env.PROTOCOL_HEADER = OWN_HEADER;
// Room for one phone photo of tier evidence (the app itself refuses more than 5 MB, in Indonesian).
process.env.BODY_SIZE_LIMIT ||= '12M';

const { handler } = await import('./build/handler.js');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

// Pages and data are compressed on the fly (a lesson's HTML shrinks to about a third);
// built assets are already stored as .br/.gz and served as they are.
const compress = compression({ threshold: 1024 });

const server = createServer((req, res) => {
	if (fromConnection) req.headers[OWN_HEADER] = 'encrypted' in req.socket ? 'https' : 'http';
	compress(req, res, () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
});

server.listen(port, host, () => {
	console.log(`Naik Kelas: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.close(() => process.exit(0)));
}
