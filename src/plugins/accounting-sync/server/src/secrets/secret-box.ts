import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts the connector's credentials (client secret, refresh token, access token) for storage
 * in the database, with AES-256-GCM from node:crypto and a key derived from a secret in the
 * environment. The database alone (a dump, a backup) does not reveal them.
 *
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The label (the field's name)
 * is authenticated as associated data, so a ciphertext copied into another field does not open.
 */

const VERSION = 'v1';
const IV_BYTES = 12; // GCM's standard nonce size
const KEY_INFO = 'middlepath accounting-sync credentials v1';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  seal(plaintext: string, label: string): string;
  open(sealed: string, label: string): string;
}

/**
 * A box keyed by `keyMaterial` (at least 16 characters). HKDF-SHA-256 turns it into the 256-bit
 * key, so any random string from the environment works.
 */
export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < 16) {
    throw new SecretBoxError('The encryption key must be at least 16 characters');
  }
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, Buffer.alloc(0), KEY_INFO, 32));
  return {
    seal(plaintext, label) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(label, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, label) {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) {
        throw new SecretBoxError(`The stored ${label} is not in a known sealed form`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(label, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // NOTE: the cause (a wrong key or tampered data) is deliberately not passed on: the
        // message must not echo any part of the stored value.
        throw new SecretBoxError(
          `The stored ${label} cannot be decrypted: the encryption key changed or the value was altered`,
        );
      }
    },
  };
}
