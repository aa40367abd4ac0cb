import { describe, expect, it } from 'vitest';
import { secretBox } from '../../lib/crypto';

describe('secretBox', () => {
  const box = secretBox('x'.repeat(43));

  it('round-trips and never stores the plain text', () => {
    const sealed = box.seal('hunter2-smtp-password');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed.slice(3), 'base64url').length).toBe(12 + 16 + 'hunter2-smtp-password'.length);
    expect(box.open(sealed)).toBe('hunter2-smtp-password');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a value sealed under another secret or tampered with', () => {
    const sealed = box.seal('secret');
    expect(() => secretBox('y'.repeat(43)).open(sealed)).toThrow('Unsupported state or unable to authenticate data');
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box.open(`v1.${bytes.toString('base64url')}`)).toThrow('Unsupported state or unable to authenticate data');
    expect(() => box.open('plain')).toThrow('not a sealed value');
  });
});
