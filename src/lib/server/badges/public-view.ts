import QRCode from 'qrcode';
import type { Badge } from '$lib/server/db/schema';
import { describeAchievement } from './award';

/** What anyone may see of a badge: the facts a buyer or a bank checks, nothing private. */
export async function publicBadge(badge: Badge, baseUrl: string) {
	const url = `${baseUrl}/verify/${badge.id}`;
	// Empty once the holder deleted their account (the credential named them).
	const credential = (badge.credential ? JSON.parse(badge.credential) : {}) as {
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
		criteria:
			credential.credentialSubject?.achievement?.criteria?.narrative ??
			describeAchievement(badge.kind, badge.achievement)?.criteria ??
			'',
		/** The holder deleted their account: no name is shown, and the badge is revoked. */
		holderDeleted: !badge.credential,
		awardedAt: badge.awardedAt,
		revokedAt: badge.revokedAt,
		// Drawn on the server as SVG: no QR library is sent to the phone.
		qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
		/** The credential's own address: the Learner Credential Wallet imports it from a URL or QR. */
		walletUrl: `${url}.json`,
		walletQrSvg: badge.credential
			? await QRCode.toString(`${url}.json`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
			: null
	};
}
