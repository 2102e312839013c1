/**
 * A request body read as text with a size limit that holds before anything is buffered: a
 * declared length over the limit is refused unread, and a streamed body is read chunk by chunk
 * and abandoned at the limit. (`request.text()` read a 12 MB body into memory before the
 * 64 KB check could answer.) Invalid UTF-8 is refused, never silently replaced.
 */
export async function readText(
	request: Request,
	maxBytes: number
): Promise<{ text: string } | { status: 400 | 413; error: string }> {
	const tooLarge = { status: 413, error: `body larger than ${maxBytes} bytes` } as const;
	const declared = Number(request.headers.get('content-length'));
	if (declared > maxBytes) return tooLarge;
	if (!request.body) return { text: '' };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			// Stop reading: the rest is never taken off the connection into memory.
			await reader.cancel().catch(() => {});
			return tooLarge;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { status: 400, error: 'body is not UTF-8' };
	}
}
