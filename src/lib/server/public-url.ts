/** The site's public address, for links that leave the site: credentials, QR codes, shares. */
export function publicBaseUrl(url: URL) {
	return (process.env.ORIGIN || url.origin).replace(/\/$/, '');
}
