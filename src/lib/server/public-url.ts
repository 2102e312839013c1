import { publicAddress } from './host';

/**
 * The site's public address, for links that leave the site: credentials, QR codes, shares.
 * ORIGIN, or this machine's own address (never a Host a request made up): see ./host.ts.
 */
export function publicBaseUrl(url: URL) {
	return publicAddress(url).base;
}
