import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-tremor-content-strong">You don’t have access to this page</h1>
      <p className="mt-3 text-tremor-default text-tremor-content">
        Your role does not allow it. Ask an owner or admin of this Mailpulse if you need access.
      </p>
      <Link href="/monitors" className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand hover:underline">
        Back to monitors
      </Link>
    </main>
  );
}
