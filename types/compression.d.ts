// The one call server.js makes of `compression` (the package ships no types).
declare module 'compression' {
	import type { IncomingMessage, ServerResponse } from 'node:http';
	export default function compression(options?: {
		threshold?: number | string;
	}): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
}
