import QRCode from 'qrcode';
import type { Badge } from '$lib/server/db/schema';

/** What anyone may see of a badge: the facts a buyer or a bank checks, nothing private. */
export async function publicBadge(badge: Badge, baseUrl: string) {
	const url = `${baseUrl}/verify/${badge.id}`;
	const credential = JSON.parse(badge.credential) as {
		credentialSubject?: { achievement?: { criteria?: { narrative?: string } } };
	};
	return {
		id: badge.id,
		url,
		kind: badge.kind,
		name: badge.name,
		image: `/achievements/${badge.kind}-${badge.achievement}.svg`,
		holderName: badge.holderName,
		businessName: badge.businessName,
		criteria: credential.credentialSubject?.achievement?.criteria?.narrative ?? '',
		awardedAt: badge.awardedAt,
		revokedAt: badge.revokedAt,
		// Drawn on the server as SVG: no QR library is sent to the phone.
		qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	};
}
