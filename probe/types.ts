// What an SMTP check is asked to do and what it reports. Plain data: results are stored as JSON
// and shown by the UI and the CLI, so every field here is serialisable.

/** How to secure the session. */
export type Security =
  | 'none'               // plain SMTP, never STARTTLS
  | 'starttls'           // STARTTLS if the server offers it, plain otherwise
  | 'starttls-required'  // STARTTLS must be offered and must succeed
  | 'tls';               // implicit TLS from the first byte (port 465)

/** Phases of the diagnostic conversation, in the order they happen. */
export type Phase = 'dns' | 'connect' | 'tls' | 'banner' | 'ehlo' | 'starttls' | 'ehlo2' | 'auth' | 'quit';
export const phases: readonly Phase[] = ['dns', 'connect', 'tls', 'banner', 'ehlo', 'starttls', 'ehlo2', 'auth', 'quit'];

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface Expectations {
  /** Regular expression (source) the banner text must match. */
  bannerPattern?: string;
  /** EHLO keywords that must be advertised, e.g. ['STARTTLS', 'AUTH', 'SIZE', 'PIPELINING', '8BITMIME', 'SMTPUTF8']. */
  requiredExtensions?: string[];
  /** Oldest acceptable negotiated TLS version. */
  minTlsVersion?: TlsVersion;
  /** A certificate expiring within this many days makes the check degraded. Default 14. */
  certWarningDays?: number;
  /** Total time above this makes the check degraded. */
  maxResponseMs?: number;
  /** A phase slower than its limit makes the check degraded. */
  maxPhaseMs?: Partial<Record<Phase, number>>;
}

export interface CheckTarget {
  /** Host name or IP address. */
  host: string;
  port: number;
  security: Security;
  /** Name sent in EHLO. */
  ehloName: string;
  auth?: { username: string; password: string; mechanism?: 'PLAIN' | 'LOGIN' };
  /** Limit for each phase on its own, in milliseconds. */
  timeoutMs: number;
  expectations?: Expectations;
  /** Extra trusted CA certificates (PEM), e.g. a private CA; the system's are always trusted. */
  ca?: string[];
}

/** Stable cause codes: stored, alerted on and tested exactly. */
export type CauseCode =
  | 'dns_failed'          // the name does not resolve (NXDOMAIN, no A/AAAA, no MX, resolver error)
  | 'connection_refused'  // TCP RST (or unreachable network/host)
  | 'connection_timeout'  // no TCP connection within the timeout
  | 'banner_timeout'      // connected, but no greeting within the timeout
  | 'reply_timeout'       // no reply to a command within the timeout
  | 'connection_closed'   // the server closed the connection mid-conversation
  | 'unexpected_reply'    // a reply code other than the one the step needs (421 at connect, 554 banner, 5xx to EHLO…)
  | 'protocol_error'      // not SMTP: malformed reply, line or reply over the size limits
  | 'tls_failed'          // handshake failed, or the certificate is expired / for another name / untrusted / too old a protocol
  | 'auth_failed'         // credentials rejected, or no usable AUTH mechanism
  | 'expectation_failed'; // the conversation worked but an expectation did not hold (detail says which)

export interface Failure {
  code: CauseCode;
  /** Narrower reason: for tls_failed one of expired | not_yet_valid | hostname_mismatch | self_signed | untrusted |
   *  protocol | handshake_timeout | handshake_failed; for expectation_failed one of banner | extension | tls_version |
   *  starttls_missing; for protocol_error one of line_too_long | reply_too_large | malformed. */
  detail?: string;
  phase: Phase;
  /** One sentence a person understands. */
  message: string;
  replyCode?: number;
  /** Enhanced status code (RFC 3463), when the reply carried one, e.g. '5.7.1'. */
  enhancedStatus?: string;
}

/** Something that did not fail the check but makes it degraded. */
export interface Warning {
  code: 'slow_response' | 'slow_phase' | 'cert_expiring';
  message: string;
  phase?: Phase;
}

export interface CertificateInfo {
  subject: string;           // CN, or the whole subject string when there is no CN
  issuer: string;
  subjectAltNames: string[]; // DNS names and IPs, e.g. ['mail.example.com', 'IP:127.0.0.1']
  validFrom: string;         // ISO 8601
  validTo: string;           // ISO 8601
  fingerprint256: string;
}

export interface TlsDetails {
  protocol: string;          // e.g. 'TLSv1.3'
  cipher: string;            // e.g. 'TLS_AES_256_GCM_SHA384'
  certificate: CertificateInfo;
  /** Leaf first, then issuers as presented by the server. */
  chain: CertificateInfo[];
  daysToExpiry: number;      // whole days, may be negative
  /** Chain verifies against the trusted CAs. */
  chainVerified: boolean;
  /** The name we connected to is in the certificate. */
  hostnameVerified: boolean;
  /** Node's verification error code when the chain did not verify, e.g. CERT_HAS_EXPIRED. */
  verifyError?: string;
}

export interface TranscriptLine {
  /** 'C' client, 'S' server, '*' event (connected, TLS established, closed…). */
  dir: 'C' | 'S' | '*';
  /** Milliseconds since the check started. */
  atMs: number;
  line: string;
}

export interface PhaseTiming {
  phase: Phase;
  ms: number;
  ok: boolean;
}

export interface CheckResult {
  status: 'up' | 'degraded' | 'down';
  host: string;
  port: number;
  security: Security;
  /** The IP address connected to. */
  address?: string;
  startedAt: string;         // ISO 8601
  totalMs: number;
  /** Only the phases that ran, in order. */
  phases: PhaseTiming[];
  banner?: string;
  /** EHLO keywords with parameters, upper-cased keyword, from the last EHLO, e.g. ['SIZE 10240000', 'STARTTLS']. */
  extensions: string[];
  tls?: TlsDetails;
  failure?: Failure;
  warnings: Warning[];
  /** With AUTH arguments redacted. */
  transcript: TranscriptLine[];
}

/** A domain monitor checks every MX host, in preference order. */
export interface DomainCheckResult {
  status: 'up' | 'degraded' | 'down';
  domain: string;
  startedAt: string;
  totalMs: number;
  mx: Array<{ exchange: string; priority: number }>;
  /** One per MX host, same order as mx; empty when the MX lookup itself failed. */
  hosts: CheckResult[];
  /** Set when the MX lookup failed (code dns_failed, phase dns). */
  failure?: Failure;
}

/** DNS, injected: the system's resolver in production, an in-memory zone in tests. */
export interface Resolver {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>>;
}

/** Monotonic milliseconds and wall time, injected so tests can pin them. */
export interface Clock {
  nowMs(): number;     // monotonic, for timings
  now(): Date;         // wall clock, for startedAt and certificate expiry
}
