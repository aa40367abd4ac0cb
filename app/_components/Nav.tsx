'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { href: '/monitors', label: 'Monitors' },
  { href: '/round-trips', label: 'Round trips' },
  { href: '/deliverability', label: 'Deliverability' },
  { href: '/incidents', label: 'Incidents' },
  { href: '/reports', label: 'Reports' },
];

export function Nav({ showSettings }: { showSettings: boolean }) {
  const pathname = usePathname();
  const items = showSettings ? [...sections, { href: '/settings', label: 'Settings' }] : sections;
  return (
    <nav aria-label="Sections" className="flex gap-1 overflow-x-auto px-3 pb-3 md:flex-col md:pb-4">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href + '/');
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`whitespace-nowrap rounded-tremor-default px-3 py-2 text-tremor-default font-medium ${
              active ? 'bg-tremor-brand-faint text-tremor-brand-emphasis' : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle'
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
