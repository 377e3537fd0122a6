// Replacement UIDs for PS3.15 action U: the same original UID always maps to the same new UID
// within one bundle (so references between files stay intact), and nothing links the new UID to
// the original without the bundle's secret. New UIDs use the UUID-derived form of PS3.5 §B.2
// ("2.25." + the UUID as one decimal integer), from an HMAC keyed by the bundle secret.
import { createHmac, randomBytes } from 'node:crypto';

export class UidRemapper {
  private readonly secret: Buffer;
  private readonly mapped = new Map<string, string>();

  /** A fresh random secret per bundle unless one is given (tests, resumable exports). */
  constructor(secret?: Uint8Array) {
    this.secret = Buffer.from(secret ?? randomBytes(32));
  }

  map(uid: string): string {
    const original = uid.replace(/\0+$/, '').trim();
    if (original === '') return original;
    let replacement = this.mapped.get(original);
    if (replacement === undefined) {
      const digest = createHmac('sha256', this.secret).update(original, 'latin1').digest().subarray(0, 16);
      // RFC 9562 UUIDv8 (custom): version nibble 8, variant bits 10.
      digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
      digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
      replacement = `2.25.${BigInt(`0x${digest.toString('hex')}`).toString(10)}`;
      this.mapped.set(original, replacement);
    }
    return replacement;
  }

  /** How many distinct UIDs were replaced so far. */
  get size(): number {
    return this.mapped.size;
  }
}
