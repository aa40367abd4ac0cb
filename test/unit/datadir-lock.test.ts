// One process owns a PGlite folder: a second one must refuse, and a dead owner's lock is taken over.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir, openDatabase } from '../../db/client';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGKILL'); });

describe('DATA_DIR lock', () => {
  it('refuses while another live process holds the folder, naming it and how to share', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-lock-'));
    const other = spawn('sleep', ['30']);
    children.push(other);
    writeFileSync(path.join(dir, 'mailpulse.lock'), String(other.pid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      `${dir} is in use by another Mailpulse process (pid ${other.pid}). The embedded database serves one process only: ` +
      'stop the other one, use another DATA_DIR, or, to run several processes, start a PostgreSQL server and set DATABASE_URL for all of them.');
  });

  it('takes over the lock of a process that has ended, and releases it on close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-lock-'));
    const gone = spawn('true');
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(path.join(dir, 'mailpulse.lock'), String(gone.pid));
    const database = await openDatabase({ dataDir: dir });
    expect(readFileSync(path.join(dir, 'mailpulse.lock'), 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(existsSync(path.join(dir, 'mailpulse.lock'))).toBe(false);
  });

  it('lets the owning process take its own lock again (hot reload)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).not.toThrow();
    release();
    expect(existsSync(path.join(dir, 'mailpulse.lock'))).toBe(false);
  });
});
