// Owns how a step of the conversation fails: a ProbeFailure carries the stable cause code, the narrower
// detail, the reply that caused it and one plain sentence. Steps throw it; the phase runner stamps the
// phase, and checkSmtp turns it into CheckResult.failure. Nothing else is ever thrown out of a check.
import type { CauseCode, Failure, Phase } from './types';
import type { Reply } from './smtp/reply';

export class ProbeFailure extends Error {
  override name = 'ProbeFailure';
  phase: Phase | undefined;
  replyCode: number | undefined;
  enhancedStatus: string | undefined;
  /** The server is still in a state where QUIT makes sense (it answered; it did not drop us). */
  canQuit = false;

  constructor(readonly code: CauseCode, readonly detail: string | undefined, message: string,
    options: { reply?: Reply; canQuit?: boolean; phase?: Phase } = {}) {
    super(message);
    this.replyCode = options.reply?.code;
    this.enhancedStatus = options.reply?.enhancedStatus;
    this.canQuit = options.canQuit ?? false;
    this.phase = options.phase;
  }

  toFailure(fallbackPhase: Phase): Failure {
    const failure: Failure = { code: this.code, phase: this.phase ?? fallbackPhase, message: this.message };
    if (this.detail !== undefined) failure.detail = this.detail;
    if (this.replyCode !== undefined) failure.replyCode = this.replyCode;
    if (this.enhancedStatus !== undefined) failure.enhancedStatus = this.enhancedStatus;
    return failure;
  }
}

/** The reply as a person reads it: code and text on one line, shortened. */
export function describeReply(reply: Reply): string {
  const text = reply.lines.join(' ').trim();
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return shown ? `${reply.code} ${shown}` : String(reply.code);
}

/** A reply other than the one the step needs. */
export function unexpectedReply(reply: Reply, command: string, expected: number): ProbeFailure {
  // RFC 5321 §3.8: after 421 the server closes the channel; there is nobody left to send QUIT to.
  return new ProbeFailure('unexpected_reply', undefined,
    `The server answered ${command} with ${describeReply(reply)} instead of ${expected}.`,
    { reply, canQuit: reply.code !== 421 });
}
