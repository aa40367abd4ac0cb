// Owns how a CheckResult reads in a terminal (the CLI's default output). JSON output needs nothing
// from here: the result is already plain data.
import type { CheckResult } from './types';

const label = (name: string) => `${name}:`.padEnd(13);

export function formatResult(result: CheckResult): string {
  const out: string[] = [];
  const where = result.address && result.address !== result.host ? `${result.host} (${result.address})` : result.host;
  out.push(`${where}:${result.port} is ${result.status.toUpperCase()} in ${formatMs(result.totalMs)} (security: ${result.security})`);
  out.push('Phases:');
  for (const p of result.phases) out.push(`  ${p.phase.padEnd(9)} ${formatMs(p.ms).padStart(10)}  ${p.ok ? 'ok' : 'FAILED'}`);
  if (result.banner !== undefined) {
    const [first = '', ...rest] = result.banner.split('\n');
    out.push(`${label('Banner')}${first}`, ...rest.map((line) => `${' '.repeat(13)}${line}`));
  }
  if (result.extensions.length > 0) out.push(`${label('Extensions')}${result.extensions.join(', ')}`);
  if (result.tls) {
    const { tls } = result;
    const cert = tls.certificate;
    out.push(`${label('TLS')}${tls.protocol}, ${tls.cipher}`);
    out.push(`${label('Certificate')}${cert.subject}, issued by ${cert.issuer}`);
    out.push(`${label('Expires')}${cert.validTo.slice(0, 10)} (${tls.daysToExpiry >= 0 ? `in ${tls.daysToExpiry} days` : `${-tls.daysToExpiry} days ago`})`);
    out.push(`${label('Verified')}chain ${tls.chainVerified ? 'yes' : `no (${tls.verifyError ?? 'unknown'})`}, ` +
      `hostname ${tls.hostnameVerified ? 'yes' : 'no'}`);
  }
  if (result.failure) {
    const f = result.failure;
    const code = [f.code, f.detail].filter(Boolean).join('/');
    const reply = f.replyCode ? ` [${[f.replyCode, f.enhancedStatus].filter(Boolean).join(' ')}]` : '';
    out.push(`${label('Failure')}${code} in ${f.phase}${reply}: ${f.message}`);
  }
  for (const w of result.warnings) out.push(`${label('Warning')}${w.code}: ${w.message}`);
  return `${out.join('\n')}\n`;
}

function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
