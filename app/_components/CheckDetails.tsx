// One stored check, in full: phases, TLS, extensions and the transcript (AUTH already redacted).
import type { CheckResult, DomainCheckResult } from '../../probe/types';
import { formatMs } from './format';

function HostResult({ r }: { r: CheckResult }) {
  return (
    <div className="space-y-3">
      <p className="text-tremor-default"><span className="font-medium">{r.host}:{r.port}</span>{r.address && r.address !== r.host ? ` (${r.address})` : ''} · {r.security}</p>
      {r.failure && (
        <p className="text-tremor-default text-red-700" data-testid="failure">
          <code className="rounded bg-red-50 px-1">{r.failure.code}{r.failure.detail ? `/${r.failure.detail}` : ''}</code>{' '}
          {r.failure.message}{r.failure.replyCode ? ` (reply ${r.failure.replyCode}${r.failure.enhancedStatus ? ` ${r.failure.enhancedStatus}` : ''})` : ''}
        </p>
      )}
      {r.warnings.map((w) => <p key={w.code + w.message} className="text-tremor-default text-amber-700">{w.message}</p>)}
      <dl className="grid grid-cols-3 gap-2 text-tremor-label sm:grid-cols-9">
        {r.phases.map((p) => (
          <div key={p.phase} className={p.ok ? '' : 'text-red-600'}><dt className="uppercase text-tremor-content">{p.phase}</dt><dd className="tabular-nums">{formatMs(p.ms)}</dd></div>
        ))}
      </dl>
      {r.banner && <p className="text-tremor-label"><span className="text-tremor-content">Banner: </span>{r.banner}</p>}
      {r.extensions.length > 0 && <p className="text-tremor-label"><span className="text-tremor-content">Extensions: </span>{r.extensions.join(', ')}</p>}
      {r.tls && (
        <p className="text-tremor-label">
          <span className="text-tremor-content">TLS: </span>{r.tls.protocol} {r.tls.cipher} · {r.tls.certificate.subject} issued by {r.tls.certificate.issuer} ·
          valid to {r.tls.certificate.validTo.slice(0, 10)} ({r.tls.daysToExpiry} days) · chain {r.tls.chainVerified ? 'verified' : `not verified${r.tls.verifyError ? ` (${r.tls.verifyError})` : ''}`} ·
          hostname {r.tls.hostnameVerified ? 'matches' : 'does not match'}
          {r.tls.certificate.subjectAltNames.length > 0 && ` · SANs ${r.tls.certificate.subjectAltNames.join(', ')}`}
        </p>
      )}
      <pre className="max-h-72 overflow-auto rounded-tremor-default bg-gray-900 p-3 text-xs leading-5 text-gray-100" data-testid="transcript">
        {r.transcript.map((t) => `${String(Math.round(t.atMs)).padStart(6)} ms ${t.dir === 'C' ? 'C:' : t.dir === 'S' ? 'S:' : '  '} ${t.line}`).join('\n')}
      </pre>
    </div>
  );
}

export function CheckDetails({ result }: { result: CheckResult | DomainCheckResult }) {
  if ('hosts' in result) {
    return (
      <div className="space-y-4">
        <p className="text-tremor-default">MX of {result.domain}: {result.mx.map((m) => `${m.exchange} (${m.priority})`).join(', ') || 'none'}</p>
        {result.failure && <p className="text-tremor-default text-red-700">{result.failure.message}</p>}
        {result.hosts.map((h) => <HostResult key={h.host} r={h} />)}
      </div>
    );
  }
  return <HostResult r={result} />;
}
