import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-tremor-brand">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-tremor-content-strong">Page not found</h1>
      <Link href="/monitors" className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand hover:underline">
        Back to monitors
      </Link>
    </main>
  );
}
