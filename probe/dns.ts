// Owns name resolution for the probe: the system resolver used in production and an in-memory
// zone for tests. Both implement the injected Resolver interface, so checks never touch DNS
// that is not passed to them.
import { Resolver as NodeResolver } from 'node:dns/promises';
import type { Resolver } from './types';

/** The system's resolver (resolv.conf), with a bounded wait per query. */
export function systemResolver(timeoutMs: number): Resolver {
  // One try: the check's own phase timeout is the budget, retries would silently multiply it.
  const resolver = new NodeResolver({ timeout: timeoutMs, tries: 1 });
  return {
    resolve4: (name) => resolver.resolve4(name),
    resolve6: (name) => resolver.resolve6(name),
    resolveMx: (name) => resolver.resolveMx(name),
  };
}

export interface MemoryZone {
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
  mx?: Record<string, Array<{ exchange: string; priority: number }>>;
}

/** An error shaped like node's resolver errors, so callers handle both alike. */
export class DnsError extends Error {
  override name = 'DnsError';
  constructor(readonly code: 'ENOTFOUND' | 'ENODATA', readonly hostname: string, syscall: string) {
    super(`${syscall} ${code} ${hostname}`);
  }
}

/** A fixed zone for tests. Like a real resolver, a name that exists with no record of the asked type
 *  rejects with ENODATA, and a name that exists nowhere rejects with ENOTFOUND (NXDOMAIN). */
export function memoryResolver(zone: MemoryZone): Resolver {
  const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const known = (name: string) =>
    [zone.a, zone.aaaa, zone.mx].some((table) => table !== undefined && key(name) in lowerKeys<unknown>(table));
  function lookup<T>(table: Record<string, T[]> | undefined, name: string, syscall: string): Promise<T[]> {
    const records = table ? lowerKeys(table)[key(name)] : undefined;
    if (records && records.length > 0) return Promise.resolve(records.map((r) => (typeof r === 'object' ? { ...r } : r)));
    return Promise.reject(new DnsError(known(name) ? 'ENODATA' : 'ENOTFOUND', name, syscall));
  }
  return {
    resolve4: (name) => lookup(zone.a, name, 'queryA'),
    resolve6: (name) => lookup(zone.aaaa, name, 'queryAaaa'),
    resolveMx: (name) => lookup(zone.mx, name, 'queryMx'),
  };
}

function lowerKeys<T>(table: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k.toLowerCase().replace(/\.$/, ''), v]));
}
