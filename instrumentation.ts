// Starts the Mailpulse runtime inside the Next.js server process, before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startProcess } = await import('./lib/runtime');
    await startProcess();
  }
}
