import { BackupCipher, BackupDecryptionError } from './BackupCipher';

describe('BackupCipher', () => {
  const cipher = BackupCipher.fromPassphrase('correct horse battery staple');
  const content = JSON.stringify({
    objects: [{ kind: 'Secret', data: { password: 'czNjcjN0' } }],
  });

  it('encrypts so that the stored text reveals nothing, and decrypts it back', () => {
    const stored = cipher.encrypt(content);
    expect(BackupCipher.isEncrypted(stored)).toBe(true);
    expect(stored).not.toContain('czNjcjN0');
    expect(stored).not.toContain('Secret');
    // a fresh IV each time
    expect(cipher.encrypt(content)).not.toBe(stored);
    expect(cipher.decrypt(stored)).toBe(content);
    // another instance from the same passphrase (another replica) reads it too
    expect(
      BackupCipher.fromPassphrase('correct horse battery staple').decrypt(
        stored,
      ),
    ).toBe(content);
  });

  it('refuses another key and altered text, and passes plain text through', () => {
    const stored = cipher.encrypt(content);
    expect(() =>
      BackupCipher.fromPassphrase('another passphrase!!').decrypt(stored),
    ).toThrow(BackupDecryptionError);
    const parts = stored.split(':');
    const data = Buffer.from(parts[4], 'base64');
    data[0] ^= 1;
    parts[4] = data.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow(
      'The backup cannot be decrypted: it was encrypted with another key, or altered',
    );
    expect(cipher.decrypt(content)).toBe(content);
  });

  it('reads backups of a previous key after a rotation', () => {
    const stored = cipher.encrypt(content);
    const rotated = BackupCipher.fromPassphrase('the new passphrase 2026', [
      'correct horse battery staple',
    ]);
    expect(rotated.decrypt(stored)).toBe(content);
    // new backups use the new key only
    const fresh = rotated.encrypt(content);
    expect(() => cipher.decrypt(fresh)).toThrow(BackupDecryptionError);
    expect(
      BackupCipher.fromPassphrase('the new passphrase 2026').decrypt(fresh),
    ).toBe(content);
  });
});
