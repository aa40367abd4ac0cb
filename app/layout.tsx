import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mailpulse', template: '%s · Mailpulse' },
  description: 'SMTP monitoring and email deliverability',
};

// Every page depends on who is signed in and on live data.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
