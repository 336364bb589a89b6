import { SecretBoxError, createSecretBox } from './secret-box';

const KEY = 'a-test-key-of-enough-length-0001';

describe('createSecretBox', () => {
  it('opens what it sealed', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('1000.refresh.token', 'refreshToken');
    expect(box.open(sealed, 'refreshToken')).toBe('1000.refresh.token');
  });

  it('never stores the plaintext and seals the same value differently each time', () => {
    const box = createSecretBox(KEY);
    const first = box.seal('client-secret-value', 'clientSecret');
    const second = box.seal('client-secret-value', 'clientSecret');
    expect(first).not.toContain('client-secret-value');
    expect(first).not.toBe(second);
  });

  it('refuses to open with another key, without echoing the value', () => {
    const sealed = createSecretBox(KEY).seal('client-secret-value', 'clientSecret');
    const other = createSecretBox('another-key-of-enough-length-02');
    expect(() => other.open(sealed, 'clientSecret')).toThrow(
      new SecretBoxError(
        'The stored clientSecret cannot be decrypted: the encryption key changed or the value was altered',
      ),
    );
  });

  it('refuses a value sealed for another field', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('client-secret-value', 'clientSecret');
    expect(() => box.open(sealed, 'refreshToken')).toThrow(SecretBoxError);
  });

  it('refuses a tampered value', () => {
    const box = createSecretBox(KEY);
    const [version, iv, tag, ciphertext] = box
      .seal('client-secret-value', 'clientSecret')
      .split('.');
    const flipped = `${ciphertext?.startsWith('A') ? 'B' : 'A'}${ciphertext?.slice(1) ?? ''}`;
    expect(() => box.open([version, iv, tag, flipped].join('.'), 'clientSecret')).toThrow(
      SecretBoxError,
    );
    expect(() => box.open('plain text', 'clientSecret')).toThrow(
      'The stored clientSecret is not in a known sealed form',
    );
  });

  it('refuses a short key', () => {
    expect(() => createSecretBox('short')).toThrow('at least 16 characters');
  });
});
