// Owns one diagnostic SMTP connection: the sockets (plain, then TLS), the reply reader, the transcript
// with redaction, per-phase timing against the injected monotonic clock, and the per-phase deadline.
// It knows how to send a line and wait for a reply; what to send is check.ts's business.
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ProbeFailure } from '../failure';
import type { CheckTarget, Clock, Phase, PhaseTiming, TranscriptLine } from '../types';
import { ReadError, ReplyReader, type Reply } from './reply';
import { handshake, TlsError } from './tls';

const round = (ms: number) => Math.round(ms * 10) / 10;
const ignore = () => {};

export class Session {
  readonly transcript: TranscriptLine[] = [];
  readonly phases: PhaseTiming[] = [];
  private readonly startMs: number;
  private deadlineMs: number;
  private socket: net.Socket | undefined;
  private reader: ReplyReader | undefined;
  private readonly sockets: net.Socket[] = [];
  /** After QUIT the server closing is the expected end (RFC 5321 §4.1.1.10), not news for the transcript. */
  private quitSent = false;
  private closeRecorded = false;

  constructor(private readonly target: CheckTarget, readonly clock: Clock) {
    this.startMs = clock.nowMs();
    this.deadlineMs = this.startMs + target.timeoutMs;
  }

  elapsedMs(): number {
    return round(this.clock.nowMs() - this.startMs);
  }

  /** Time left in the current phase: each phase has its own budget of target.timeoutMs. */
  remainingMs(): number {
    return Math.max(0, Math.round(this.deadlineMs - this.clock.nowMs()));
  }

  event(line: string): void {
    this.transcript.push({ dir: '*', atMs: this.elapsedMs(), line });
  }

  /** Runs one phase with a fresh deadline and records its timing, whether it succeeds or not. */
  async phase<T>(phase: Phase, run: () => Promise<T>): Promise<T> {
    const start = this.clock.nowMs();
    this.deadlineMs = start + this.target.timeoutMs;
    try {
      const value = await run();
      this.phases.push({ phase, ms: round(this.clock.nowMs() - start), ok: true });
      return value;
    } catch (error) {
      this.phases.push({ phase, ms: round(this.clock.nowMs() - start), ok: false });
      const failure = asProbeFailure(error);
      failure.phase ??= phase;
      throw failure;
    }
  }

  /** Opens the TCP connection; the reader is attached separately, once we know who speaks first (TLS or SMTP). */
  connect(address: string, port: number): Promise<net.Socket> {
    const timeoutMs = this.remainingMs();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address, port });
      this.sockets.push(socket);
      socket.on('error', ignore); // failures are reported through the promise or the reader
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ProbeFailure('connection_timeout', undefined, `No TCP connection to ${address}:${port} within ${timeoutMs} ms.`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        this.socket = socket;
        this.event(`connected to ${address}:${port}`);
        resolve(socket);
      });
      const onError = (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(connectFailure(error, address, port));
      };
      socket.once('error', onError);
    });
  }

  /** Upgrades the current socket to TLS (implicit TLS, or after a 220 to STARTTLS). */
  async startTls(): Promise<TLSSocket> {
    const plain = this.socket;
    if (!plain) throw new ProbeFailure('connection_closed', undefined, 'The connection is gone.');
    const unread = this.reader?.detach() ?? 0;
    this.reader = undefined;
    // RFC 3207 §4.2 (and the STARTTLS command-injection bugs): nothing received in plain text may be
    // read as if it came over TLS.
    if (unread > 0) this.event(`discarded ${unread} bytes received before the TLS handshake`);
    const secure = await handshake(plain, { host: this.target.host, ca: this.target.ca, timeoutMs: this.remainingMs() });
    this.sockets.push(secure);
    this.socket = secure;
    this.listen();
    return secure;
  }

  /** Starts reading SMTP replies from the current socket. */
  listen(): void {
    if (!this.socket) return;
    this.reader = new ReplyReader(this.socket, {
      onLine: (line) => this.transcript.push({ dir: 'S', atMs: this.elapsedMs(), line }),
      onClose: (reason) => {
        if (this.quitSent) return;
        this.closeRecorded = true;
        this.event(reason);
      },
    });
  }

  /** Sends one command line. `shown` is what the transcript records (redaction of AUTH secrets). */
  send(line: string, shown = line): void {
    // A line break in a configured value (the EHLO name) would smuggle a second command. RFC 5321 §2.3.8.
    if (/[\r\n]/.test(line)) {
      throw new ProbeFailure('protocol_error', 'internal', `Refusing to send ${verbOf(shown)}: the command contains a line break.`);
    }
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writable) {
      throw new ProbeFailure('connection_closed', undefined, `The server closed the connection before ${verbOf(shown)} could be sent.`);
    }
    if (line === 'QUIT') this.quitSent = true;
    this.transcript.push({ dir: 'C', atMs: this.elapsedMs(), line: shown });
    socket.write(`${line}\r\n`);
  }

  /** Waits for the next reply. `awaiting` names what it answers, for the failure sentence. */
  async reply(awaiting: string, timeoutMs = this.remainingMs()): Promise<Reply> {
    if (!this.reader) throw new ProbeFailure('connection_closed', undefined, 'The connection is gone.');
    try {
      return await this.reader.read(timeoutMs);
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      const banner = awaiting === 'banner';
      switch (error.reason) {
        case 'timeout':
          if (banner) {
            throw new ProbeFailure('banner_timeout', undefined, `The server accepted the connection but sent no greeting within ${timeoutMs} ms.`);
          }
          throw new ProbeFailure('reply_timeout', undefined, `The server did not answer ${awaiting} within ${timeoutMs} ms.`);
        case 'closed':
          throw new ProbeFailure('connection_closed', undefined,
            `The server closed the connection while the probe waited for ${banner ? 'the greeting' : `the reply to ${awaiting}`}.`);
        default:
          throw new ProbeFailure('protocol_error', error.reason, `This does not look like an SMTP server: ${error.message}.`);
      }
    }
  }

  /** Sends a command and waits for its reply. */
  async command(line: string, shown = line): Promise<Reply> {
    this.send(line, shown);
    return this.reply(verbOf(shown));
  }

  /** Closes everything this session opened. Safe to call on every path, more than once. */
  close(): void {
    if (this.socket && !this.closeRecorded) this.event('connection closed');
    this.closeRecorded = true;
    this.reader?.detach();
    this.reader = undefined;
    for (const socket of this.sockets.reverse()) socket.destroy();
    this.sockets.length = 0;
    this.socket = undefined;
  }
}

function verbOf(line: string): string {
  return line === '********' ? 'the AUTH exchange' : line.split(' ')[0] ?? line;
}

function connectFailure(error: NodeJS.ErrnoException, address: string, port: number): ProbeFailure {
  if (error.code === 'ETIMEDOUT') {
    return new ProbeFailure('connection_timeout', undefined, `No TCP connection to ${address}:${port}: the attempt timed out.`);
  }
  const why = {
    ECONNREFUSED: 'refused the connection (nothing listens on that port, or a firewall rejects it)',
    EHOSTUNREACH: 'is unreachable (no route to the host)',
    ENETUNREACH: 'is unreachable (no route to its network)',
  }[error.code ?? ''] ?? `could not be reached (${error.code ?? error.message})`;
  const known = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'].includes(error.code ?? '');
  return new ProbeFailure('connection_refused', known ? undefined : error.code, `${address}:${port} ${why}.`);
}

/** Anything thrown inside a phase, as a ProbeFailure. */
function asProbeFailure(error: unknown): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  if (error instanceof TlsError) return new ProbeFailure('tls_failed', error.detail, error.message);
  // Not a protocol outcome but a bug in the probe: still a result, never a throw out of checkSmtp.
  const message = error instanceof Error ? error.message : String(error);
  return new ProbeFailure('protocol_error', 'internal', `The probe failed unexpectedly: ${message}.`);
}
