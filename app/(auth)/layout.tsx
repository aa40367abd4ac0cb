export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-xl font-semibold tracking-tight text-tremor-content-strong">
          <span className="text-tremor-brand">●</span> Mailpulse
        </p>
        {children}
      </div>
    </main>
  );
}
