import { can } from '../../lib/roles';
import { Nav } from '../_components/Nav';
import { requirePage } from '../_lib/guard';
import { signOut } from './actions';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePage();
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-tremor-border bg-white md:min-h-screen md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-5 py-4 md:block">
          <p className="text-lg font-semibold tracking-tight"><span className="text-tremor-brand">●</span> Mailpulse</p>
        </div>
        <Nav showSettings={can(user.role, 'settings:manage')} />
        <div className="hidden border-t border-tremor-border px-5 py-4 md:block">
          <p className="truncate text-tremor-default font-medium text-tremor-content-strong" data-testid="user-name">{user.name}</p>
          <p className="truncate text-tremor-label text-tremor-content">{user.email} · <span data-testid="user-role">{user.role}</span></p>
          <form action={signOut} className="mt-3">
            <button type="submit" className="text-tremor-default text-tremor-content hover:text-tremor-content-strong">Sign out</button>
          </form>
        </div>
      </aside>
      <main className="flex-1 px-4 py-6 md:px-10 md:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
        <form action={signOut} className="mt-10 md:hidden">
          <button type="submit" className="text-tremor-default text-tremor-content">Sign out ({user.email})</button>
        </form>
      </main>
    </div>
  );
}
