// Owns TLS for the probe: the handshake over an already-connected socket (implicit TLS or after
// STARTTLS), what we report about the session and its certificates, and how a problem is classified
// into the stable tls_failed details. The handshake never rejects on certificate problems, so the
// details are always collected; the decision comes after, from those details.
import net from 'node:net';
import tls, { type DetailedPeerCertificate, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateInfo, TlsDetails, TlsVersion } from '../types';

export type TlsFailureDetail =
  | 'expired' | 'not_yet_valid' | 'hostname_mismatch' | 'self_signed' | 'untrusted'
  | 'protocol' | 'handshake_timeout' | 'handshake_failed';

export class TlsError extends Error {
  override name = 'TlsError';
  constructor(readonly detail: TlsFailureDetail, message: string) {
    super(message);
  }
}

export interface HandshakeOptions {
  /** The name (or IP) we connect to: sent as SNI and checked against the certificate. */
  host: string;
  /** Extra trusted CAs (PEM), added to node's root store. */
  ca?: string[];
  timeoutMs: number;
}

/** Runs a TLS client handshake on a connected socket. Rejects only when no TLS session came up. */
export function handshake(socket: net.Socket, options: HandshakeOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      // RFC 6066 §3: SNI carries host names only, never an IP literal.
      servername: net.isIP(options.host) ? undefined : options.host,
      // Passing `ca` replaces the default store, so the system's roots are added back explicitly.
      ca: options.ca && options.ca.length > 0 ? [...tls.rootCertificates, ...options.ca] : undefined,
      // Certificate problems are diagnosed, not fatal here: collect everything, decide afterwards.
      rejectUnauthorized: false,
      // Node folds a name mismatch into `authorized`; keeping it out reports chain and name apart.
      checkServerIdentity: () => undefined,
    });
    secure.on('error', () => {}); // a late error must never become an unhandled exception
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new TlsError('handshake_timeout', `The TLS handshake did not complete within ${options.timeoutMs} ms.`));
    }, options.timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      secure.off('secureConnect', onSecure).off('error', onError).off('close', onClose);
    };
    const onSecure = () => { settle(); resolve(secure); };
    const onError = (error: NodeJS.ErrnoException) => { settle(); secure.destroy(); reject(handshakeError(error)); };
    const onClose = () => {
      settle();
      reject(new TlsError('handshake_failed', 'The server closed the connection during the TLS handshake.'));
    };
    secure.once('secureConnect', onSecure).once('error', onError).once('close', onClose);
  });
}

/** A handshake error: a version alert or no shared protocol is 'protocol', anything else 'handshake_failed'. */
export function handshakeError(error: NodeJS.ErrnoException): TlsError {
  const code = error.code ?? '';
  if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW/.test(code)) {
    return new TlsError('protocol', `The server and the probe share no TLS version (${code}).`);
  }
  const reason = error.code === 'ECONNRESET' ? 'the server reset the connection' : (code || error.message);
  return new TlsError('handshake_failed', `The TLS handshake failed: ${reason}.`);
}

/** What we report about an established TLS session. `now` is the injected wall clock. */
export function tlsDetails(socket: TLSSocket, host: string, now: Date): TlsDetails {
  const peer = socket.getPeerCertificate(true);
  if (!peer || !peer.raw) throw new TlsError('handshake_failed', 'The server presented no certificate.');
  const certificate = certificateInfo(peer);
  const cipher = socket.getCipher();
  const details: TlsDetails = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: cipher.standardName ?? cipher.name,
    certificate,
    chain: chainOf(peer).map(certificateInfo),
    daysToExpiry: Math.floor((Date.parse(certificate.validTo) - now.getTime()) / 86_400_000),
    chainVerified: socket.authorized,
    hostnameVerified: tls.checkServerIdentity(host, peer) === undefined,
  };
  // Node sets a verification error code (string) here despite the declared Error type.
  const verifyError = socket.authorizationError as unknown;
  if (!socket.authorized && verifyError) details.verifyError = String(verifyError);
  return details;
}

/** Leaf first, then issuers; a self-issued root points at itself, so stop at a repeat. */
function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert?.raw && !seen.has(cert.fingerprint256) && chain.length < 10;
    cert = cert.issuerCertificate) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
  }
  return chain;
}

export function certificateInfo(cert: PeerCertificate): CertificateInfo {
  return {
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    subjectAltNames: altNames(cert.subjectaltname),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** The CN, or the whole distinguished name when there is none. */
function nameOf(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  const fields = name as unknown as Record<string, string | string[]>;
  const cn = fields.CN;
  if (cn) return Array.isArray(cn) ? cn.join(', ') : cn;
  return Object.entries(fields).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
}

/** Node's "DNS:a, IP Address:1.2.3.4" as ['a', 'IP:1.2.3.4']; other kinds (email, URI) are not names we connect to. */
function altNames(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(', ').flatMap((entry) => {
    if (entry.startsWith('DNS:')) return [entry.slice(4)];
    if (entry.startsWith('IP Address:')) return [`IP:${entry.slice(11)}`];
    return [];
  });
}

const versionOrder: readonly string[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** The reason a session that did come up is not acceptable, checked in order of what to fix first. */
export function tlsProblem(details: TlsDetails, host: string, minVersion?: TlsVersion): TlsError | undefined {
  if (minVersion && versionOrder.indexOf(details.protocol) < versionOrder.indexOf(minVersion)) {
    return new TlsError('protocol', `The server negotiated ${details.protocol}, older than the required ${minVersion}.`);
  }
  const cert = details.certificate;
  if (!details.chainVerified) {
    switch (details.verifyError) {
      case 'CERT_HAS_EXPIRED':
        return new TlsError('expired', `The certificate for ${cert.subject} expired on ${cert.validTo.slice(0, 10)}.`);
      case 'CERT_NOT_YET_VALID':
        return new TlsError('not_yet_valid', `The certificate for ${cert.subject} is not valid before ${cert.validFrom.slice(0, 10)}.`);
      case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      case 'SELF_SIGNED_CERT_IN_CHAIN':
        return new TlsError('self_signed', `The certificate chain ends in a self-signed certificate that is not trusted (${details.verifyError}).`);
      default:
        return new TlsError('untrusted', `The certificate is not issued by a trusted authority (${details.verifyError ?? 'unknown error'}).`);
    }
  }
  if (!details.hostnameVerified) {
    const names = cert.subjectAltNames.length > 0 ? cert.subjectAltNames.join(', ') : cert.subject;
    return new TlsError('hostname_mismatch', `The certificate is for ${names}, not for ${host}.`);
  }
  return undefined;
}
