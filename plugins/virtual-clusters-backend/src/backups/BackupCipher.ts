import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scryptSync,
} from 'node:crypto';

const PREFIX = 'vcenc:v1:';
/** Fixed salt: the key must come out the same on every backend instance. */
const SALT = 'virtual-clusters-backups';

/** A stored backup that cannot be read back: no key, another key, or altered. */
export class BackupDecryptionError extends Error {
  name = 'BackupDecryptionError';
}

/**
 * Encrypts backup contents at rest with AES-256-GCM (authenticated: a changed byte is
 * refused, not restored). The key is derived with scrypt from
 * `virtualClusters.backups.encryptionKey`; stored text starts with `vcenc:v1:`, so
 * backups taken before a key was configured are still read as they are.
 */
export class BackupCipher {
  readonly #key: Buffer;
  readonly #previous: Buffer[];

  /**
   * A cipher whose key is derived from a passphrase of at least 16 characters; the
   * previous passphrases still decrypt what was encrypted with them (key rotation).
   */
  static fromPassphrase(
    passphrase: string,
    previousPassphrases: string[] = [],
  ): BackupCipher {
    const derive = (p: string) => scryptSync(p, SALT, 32);
    return new BackupCipher(
      derive(passphrase),
      previousPassphrases.map(derive),
    );
  }

  private constructor(key: Buffer, previous: Buffer[]) {
    this.#key = key;
    this.#previous = previous;
  }

  /** Whether stored text is encrypted (by any key). */
  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), data]
      .map(b => b.toString('base64'))
      .join(':')}`;
  }

  /** The plain text of stored text; text stored without encryption is returned as is. */
  decrypt(stored: string): string {
    if (!BackupCipher.isEncrypted(stored)) return stored;
    const [iv, tag, data] = stored
      .slice(PREFIX.length)
      .split(':')
      .map(part => Buffer.from(part, 'base64'));
    for (const key of [this.#key, ...this.#previous]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([
          decipher.update(data),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // not this key
      }
    }
    throw new BackupDecryptionError(
      'The backup cannot be decrypted: it was encrypted with another key, or altered',
    );
  }
}
