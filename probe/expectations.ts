// Owns judging a finished conversation against the monitor's expectations: what makes it fail
// (banner, extensions, encryption) and what only makes it degraded (slow, certificate expiring soon).
// Pure: values in, values out.
import type { CheckResult, Expectations, Failure, Phase, Warning } from './types';

const dayMs = 86_400_000;
export const defaultCertWarningDays = 14;

type Finished = Pick<CheckResult, 'banner' | 'extensions' | 'tls' | 'phases' | 'totalMs' | 'security'>;

/** The first expectation that does not hold, for a conversation that otherwise succeeded. */
export function unmetExpectation(result: Finished, expectations: Expectations = {}): Failure | undefined {
  if (expectations.bannerPattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(expectations.bannerPattern);
    } catch {
      return { code: 'expectation_failed', detail: 'banner', phase: 'banner',
        message: `The expected banner pattern ${JSON.stringify(expectations.bannerPattern)} is not a valid regular expression.` };
    }
    if (!pattern.test(result.banner ?? '')) {
      return { code: 'expectation_failed', detail: 'banner', phase: 'banner',
        message: `The banner ${JSON.stringify(result.banner ?? '')} does not match ${JSON.stringify(expectations.bannerPattern)}.` };
    }
  }
  const lastHello: Phase = result.phases.some((p) => p.phase === 'ehlo2') ? 'ehlo2' : 'ehlo';
  if (expectations.requiredExtensions && expectations.requiredExtensions.length > 0) {
    // EHLO keywords are case-insensitive. RFC 5321 §2.4.
    const advertised = new Set(result.extensions.map((e) => e.split(/\s+/)[0]!.toUpperCase()));
    const missing = expectations.requiredExtensions.filter((e) => !advertised.has(e.trim().toUpperCase()));
    if (missing.length > 0) {
      return { code: 'expectation_failed', detail: 'extension', phase: lastHello,
        message: `The server does not advertise ${missing.join(', ')}.` };
    }
  }
  // A negotiated version below the minimum is caught at the handshake (tls_failed/protocol); here only
  // the case where no TLS happened at all remains.
  if (expectations.minTlsVersion && !result.tls) {
    const why = result.security === 'none' ? 'the check does not use TLS' : 'the server did not offer STARTTLS';
    return { code: 'expectation_failed', detail: 'tls_version', phase: lastHello,
      message: `The session was not encrypted (${why}), but ${expectations.minTlsVersion} or newer is expected.` };
  }
  return undefined;
}

/** Everything that makes a working check degraded. `now` is the injected wall clock. */
export function warningsFor(result: Finished, expectations: Expectations = {}, now: Date): Warning[] {
  const warnings: Warning[] = [];
  if (result.tls) {
    const warnDays = expectations.certWarningDays ?? defaultCertWarningDays;
    const leftMs = Date.parse(result.tls.certificate.validTo) - now.getTime();
    if (leftMs >= 0 && leftMs < warnDays * dayMs) {
      const tlsPhase = result.phases.find((p) => p.phase === 'tls' || p.phase === 'starttls')?.phase;
      warnings.push({
        code: 'cert_expiring',
        message: `The certificate for ${result.tls.certificate.subject} expires in ${result.tls.daysToExpiry} days ` +
          `(${result.tls.certificate.validTo.slice(0, 10)}), within the ${warnDays}-day warning period.`,
        ...(tlsPhase ? { phase: tlsPhase } : {}),
      });
    }
  }
  if (expectations.maxResponseMs !== undefined && result.totalMs > expectations.maxResponseMs) {
    warnings.push({ code: 'slow_response',
      message: `The check took ${Math.round(result.totalMs)} ms, more than the ${expectations.maxResponseMs} ms limit.` });
  }
  for (const timing of result.phases) {
    const limit = expectations.maxPhaseMs?.[timing.phase];
    if (limit !== undefined && timing.ms > limit) {
      warnings.push({ code: 'slow_phase', phase: timing.phase,
        message: `The ${timing.phase} phase took ${Math.round(timing.ms)} ms, more than its ${limit} ms limit.` });
    }
  }
  return warnings;
}
