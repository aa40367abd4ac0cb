// Owns reading SMTP replies off a socket: splitting bytes into lines, assembling multi-line replies,
// extracting the reply code and enhanced status code, and enforcing the size limits that keep a
// hostile or broken server from making the probe buffer without bound.
import type { Duplex } from 'node:stream';

/** Limits on what the server may send. RFC 5321 §4.5.3.1.5 caps a reply line at 512 octets; real
 *  servers overshoot that, so we allow 8x before calling it not-SMTP. */
export const replyLimits = { maxLineBytes: 4096, maxReplyLines: 100, maxReplyBytes: 64 * 1024 } as const;

export interface Reply {
  code: number;
  /** RFC 3463 class.subject.detail, when the first line carries one (RFC 2034 §4). */
  enhancedStatus?: string;
  /** Text of each line, after the code and separator. */
  lines: string[];
}

export type ReadFailure = 'timeout' | 'closed' | 'line_too_long' | 'reply_too_large' | 'malformed';

export class ReadError extends Error {
  override name = 'ReadError';
  constructor(readonly reason: ReadFailure, message: string) {
    super(message);
  }
}

export interface ReplyLine {
  code: number;
  /** '-' continues the reply, ' ' (or nothing) ends it. RFC 5321 §4.2.1. */
  last: boolean;
  text: string;
}

/** Parses one reply line; undefined when it is not `Reply-code [ SP / "-" textstring ]`. RFC 5321 §4.2. */
export function parseReplyLine(line: string): ReplyLine | undefined {
  const match = /^([2-5]\d\d)(?:([ -])(.*))?$/s.exec(line);
  if (!match) return undefined;
  return { code: Number(match[1]), last: match[2] !== '-', text: match[3] ?? '' };
}

/** The enhanced status code at the start of a reply text, when its class matches the reply's. RFC 3463 §2. */
export function enhancedStatusOf(code: number, text: string): string | undefined {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)/.exec(text);
  if (!match || Number(match[1]) !== Math.floor(code / 100)) return undefined;
  return `${match[1]}.${match[2]}.${match[3]}`;
}

export interface ReaderHooks {
  /** Every complete line received, for the transcript. */
  onLine(line: string): void;
  /** The peer ended the connection (or it broke); reason is short, e.g. 'closed by server'. */
  onClose(reason: string): void;
}

/**
 * Reads replies from one socket. Lines are parsed as they arrive, so limits apply to bytes in memory,
 * not to what a caller has asked for: a 10 MB line without CRLF fails after the first chunk.
 */
export class ReplyReader {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private current: { code: number; lines: string[]; bytes: number; enhancedStatus?: string } | undefined;
  private replies: Array<{ reply: Reply; bytes: number }> = [];
  private queuedBytes = 0;
  private error: ReadError | undefined;
  private ended = false;
  private waiter: { resolve(reply: Reply): void; reject(error: ReadError): void; timer: NodeJS.Timeout } | undefined;

  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onEnd = () => this.end('closed by server');
  private readonly onError = (error: NodeJS.ErrnoException) => this.end(`connection broken (${error.code ?? error.message})`);

  constructor(private readonly socket: Duplex, private readonly hooks: ReaderHooks) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** The next complete reply; rejects with a ReadError on timeout, close or a protocol violation. */
  read(timeoutMs: number): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) {
      this.queuedBytes -= queued.bytes;
      return Promise.resolve(queued.reply);
    }
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.reject(new ReadError('closed', 'the server closed the connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ReadError('timeout', `no reply within ${timeoutMs} ms`));
      }, Math.max(0, timeoutMs));
      this.waiter = { resolve, reject, timer };
    });
  }

  /** Stops reading this socket (before STARTTLS hands it to TLS, or before we close it). Returns how many
   *  received bytes were never consumed: they are dropped, never read after TLS starts. RFC 3207 §4.2. */
  detach(): number {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    const unread = this.partialBytes + this.queuedBytes + (this.current?.bytes ?? 0);
    this.partial = [];
    this.partialBytes = 0;
    this.replies = [];
    this.queuedBytes = 0;
    this.current = undefined;
    this.ended = true;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.reject(new ReadError('closed', 'the reader was detached'));
      this.waiter = undefined;
    }
    return unread;
  }

  private receive(chunk: Buffer) {
    if (this.error) return;
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(0x0a, start);
      if (lf === -1) {
        // Room for a CR whose LF is in the next chunk; anything beyond is a line over the limit.
        if (this.partialBytes + chunk.length - start > replyLimits.maxLineBytes + 1) {
          return this.fail('line_too_long', `the server sent a line longer than ${replyLimits.maxLineBytes} bytes`);
        }
        this.partial.push(chunk.subarray(start));
        this.partialBytes += chunk.length - start;
        return;
      }
      let bytes = this.partial.length > 0 ? Buffer.concat([...this.partial, chunk.subarray(start, lf)]) : chunk.subarray(start, lf);
      this.partial = [];
      this.partialBytes = 0;
      start = lf + 1;
      // RFC 5321 §2.3.8: lines end in CRLF. A bare LF is tolerated, as most clients do.
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length > replyLimits.maxLineBytes) {
        return this.fail('line_too_long', `the server sent a line longer than ${replyLimits.maxLineBytes} bytes`);
      }
      const line = bytes.toString('utf8');
      this.hooks.onLine(line);
      if (!this.accept(line, bytes.length + 2)) return;
    }
  }

  /** Adds a line to the reply being assembled; false once the reader has failed. */
  private accept(line: string, size: number): boolean {
    const parsed = parseReplyLine(line);
    if (!parsed) return this.fail('malformed', `the server sent a line that is not an SMTP reply: ${quote(line)}`);
    const current = this.current ?? { code: parsed.code, lines: [], bytes: 0, enhancedStatus: enhancedStatusOf(parsed.code, parsed.text) };
    // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code.
    if (parsed.code !== current.code) {
      return this.fail('malformed', `the reply code changed from ${current.code} to ${parsed.code} within one reply`);
    }
    current.lines.push(parsed.text);
    current.bytes += size;
    if (current.lines.length > replyLimits.maxReplyLines || current.bytes > replyLimits.maxReplyBytes ||
        this.queuedBytes + current.bytes > replyLimits.maxReplyBytes) {
      return this.fail('reply_too_large',
        `the server sent a reply over ${replyLimits.maxReplyLines} lines or ${replyLimits.maxReplyBytes / 1024} KiB`);
    }
    if (!parsed.last) {
      this.current = current;
      return true;
    }
    this.current = undefined;
    const reply: Reply = { code: current.code, lines: current.lines };
    if (current.enhancedStatus) reply.enhancedStatus = current.enhancedStatus;
    if (this.waiter) {
      const { resolve, timer } = this.waiter;
      this.waiter = undefined;
      clearTimeout(timer);
      resolve(reply);
    } else {
      // A reply nobody asked for yet (pipelined or unsolicited) waits, within the same byte budget.
      this.replies.push({ reply, bytes: current.bytes });
      this.queuedBytes += current.bytes;
    }
    return true;
  }

  private fail(reason: ReadFailure, message: string): false {
    this.error = new ReadError(reason, message);
    this.partial = [];
    this.partialBytes = 0;
    // Stop the flow at once: whatever else the server sends is not read into memory.
    this.socket.destroy();
    this.settle(this.error);
    return false;
  }

  private end(reason: string) {
    if (this.ended) return;
    this.ended = true;
    if (!this.error) this.hooks.onClose(reason); // after a failure we closed it ourselves
    this.settle(new ReadError('closed', 'the server closed the connection'));
  }

  private settle(error: ReadError) {
    if (!this.waiter) return;
    const { reject, timer } = this.waiter;
    this.waiter = undefined;
    clearTimeout(timer);
    reject(this.error ?? error);
  }
}

function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
