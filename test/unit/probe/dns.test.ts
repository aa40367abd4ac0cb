// Name resolution, injected: the in-memory zone behaves like node's resolver, checkSmtp resolves A then
// AAAA, and checkDomain walks the MX hosts in preference order (RFC 5321 §5.1).
import { afterEach, describe, expect, it } from 'vitest';
import { checkDomain, checkSmtp } from '../../../probe/check';
import { memoryResolver } from '../../../probe/dns';
import type { CheckTarget } from '../../../probe/types';
import { closeAll, closedPort, smtpServer, target } from '../../helpers/smtp';

afterEach(closeAll);

const template = (port: number): Omit<CheckTarget, 'host'> => {
  const { host: _, ...rest } = target(port);
  return rest;
};

describe('memoryResolver', () => {
  const zone = memoryResolver({
    a: { 'mx.example.test': ['192.0.2.1'] },
    aaaa: { 'MX.example.test': ['2001:db8::1'] },
    mx: { 'example.test': [{ exchange: 'mx.example.test', priority: 10 }] },
  });

  it('answers the records it holds, names case-insensitively', async () => {
    expect(await zone.resolve4('MX.Example.Test')).toEqual(['192.0.2.1']);
    expect(await zone.resolve6('mx.example.test.')).toEqual(['2001:db8::1']);
    expect(await zone.resolveMx('example.test')).toEqual([{ exchange: 'mx.example.test', priority: 10 }]);
  });

  it('rejects an unknown name with ENOTFOUND and a known name without that record with ENODATA, like node', async () => {
    await expect(zone.resolve4('nowhere.test')).rejects.toMatchObject({ code: 'ENOTFOUND', hostname: 'nowhere.test' });
    await expect(zone.resolveMx('mx.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(zone.resolve4('example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });
});

describe('checkSmtp name resolution', () => {
  it('resolves a name to 127.0.0.1 and checks it, timing the dns phase', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const resolver = memoryResolver({ a: { 'mx.mailpulse.test': ['127.0.0.1'] }, aaaa: { 'mx.mailpulse.test': ['::1'] } });
    const result = await checkSmtp(target(port, { host: 'mx.mailpulse.test' }), { resolver });
    expect(result).toMatchObject({ status: 'up', host: 'mx.mailpulse.test', address: '127.0.0.1' });
    expect(result.phases.map((p) => p.phase)).toEqual(['dns', 'connect', 'banner', 'ehlo', 'quit']);
    expect(result.transcript[0]).toMatchObject({ dir: '*', line: 'mx.mailpulse.test A 127.0.0.1' });
  });

  it('uses AAAA when there is no A record', async () => {
    const port = await closedPort();
    const resolver = memoryResolver({ aaaa: { 'v6only.test': ['::1'] } });
    const result = await checkSmtp(target(port, { host: 'v6only.test' }), { resolver });
    expect(result.address).toBe('::1');
    expect(result.transcript[0]).toMatchObject({ dir: '*', line: 'v6only.test AAAA ::1' });
    expect(result.failure).toMatchObject({ code: 'connection_refused', phase: 'connect' });
  });

  it('reports dns_failed for a name that does not exist', async () => {
    const result = await checkSmtp(target(25, { host: 'nowhere.mailpulse.test' }), { resolver: memoryResolver({}) });
    expect(result).toMatchObject({ status: 'down', host: 'nowhere.mailpulse.test', phases: [{ phase: 'dns', ok: false }] });
    expect(result.address).toBeUndefined();
    expect(result.failure).toEqual({ code: 'dns_failed', detail: 'ENOTFOUND', phase: 'dns',
      message: 'The name nowhere.mailpulse.test does not exist (NXDOMAIN).' });
  });

  it('reports dns_failed for a name with neither A nor AAAA', async () => {
    const resolver = memoryResolver({ mx: { 'mailonly.test': [{ exchange: 'mx.elsewhere.test', priority: 0 }] } });
    const result = await checkSmtp(target(25, { host: 'mailonly.test' }), { resolver });
    expect(result.failure).toEqual({ code: 'dns_failed', detail: 'ENODATA', phase: 'dns',
      message: 'mailonly.test has no A or AAAA record.' });
  });
});

describe('checkDomain', () => {
  it('is degraded when one MX is up and one refuses, hosts in preference order', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    // Same port on both: the server listens on 127.0.0.1 only, so 127.0.0.2 refuses.
    const resolver = memoryResolver({
      mx: { 'example.test': [{ exchange: 'backup.example.test', priority: 20 }, { exchange: 'primary.example.test.', priority: 10 }] },
      a: { 'backup.example.test': ['127.0.0.1'], 'primary.example.test': ['127.0.0.2'] },
    });
    const result = await checkDomain('example.test', template(port), { resolver });
    expect(result.status).toBe('degraded');
    expect(result.mx).toEqual([{ exchange: 'primary.example.test', priority: 10 }, { exchange: 'backup.example.test', priority: 20 }]);
    expect(result.hosts.map((h) => [h.host, h.status, h.failure?.code])).toEqual([
      ['primary.example.test', 'down', 'connection_refused'],
      ['backup.example.test', 'up', undefined],
    ]);
    expect(result.failure).toBeUndefined();
  });

  it('is up when every MX is up, and down when every MX is down', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const resolver = memoryResolver({
      mx: { 'up.test': [{ exchange: 'a.up.test', priority: 5 }, { exchange: 'b.up.test', priority: 5 }],
        'down.test': [{ exchange: 'a.down.test', priority: 5 }] },
      a: { 'a.up.test': ['127.0.0.1'], 'b.up.test': ['127.0.0.1'], 'a.down.test': ['127.0.0.2'] },
    });
    const up = await checkDomain('up.test', template(port), { resolver });
    expect([up.status, up.hosts.map((h) => h.host)]).toEqual(['up', ['a.up.test', 'b.up.test']]);
    expect((await checkDomain('down.test', template(port), { resolver })).status).toBe('down');
  });

  it('falls back to the domain itself as implicit MX when it has no MX records (RFC 5321 §5.1)', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const resolver = memoryResolver({ a: { 'nomx.test': ['127.0.0.1'] } });
    const result = await checkDomain('nomx.test', template(port), { resolver });
    expect(result.status).toBe('up');
    expect(result.mx).toEqual([{ exchange: 'nomx.test', priority: 0 }]);
    expect(result.hosts.map((h) => [h.host, h.address])).toEqual([['nomx.test', '127.0.0.1']]);
  });

  it('is down with dns_failed when the MX lookup fails', async () => {
    const result = await checkDomain('nowhere.test', template(25), { resolver: memoryResolver({}) });
    expect(result).toMatchObject({ status: 'down', domain: 'nowhere.test', mx: [], hosts: [] });
    expect(result.failure).toEqual({ code: 'dns_failed', detail: 'ENOTFOUND', phase: 'dns',
      message: 'The name nowhere.test does not exist (NXDOMAIN).' });
  });

  it('is down for a null MX, a domain that accepts no mail (RFC 7505)', async () => {
    const resolver = memoryResolver({ mx: { 'nomail.test': [{ exchange: '', priority: 0 }] } });
    const result = await checkDomain('nomail.test', template(25), { resolver });
    expect(result).toMatchObject({ status: 'down', hosts: [], failure: { code: 'dns_failed', detail: 'null_mx', phase: 'dns' } });
  });
});
